import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyChar, chunkSizes, chunksOf, fuzzRuns } from '@nut-ts/testkit';
import { Tokenizer } from '../../tokenizer.js';
import { decodeRequest } from './requests.js';

/** Words a client may send: commands and sub-commands in any case, or anything at all. */
const word = fc.oneof(
  fc
    .constantFrom('GET', 'LIST', 'SET', 'INSTCMD', 'LOGIN', 'ATTACH', 'USERNAME', 'PASSWORD')
    .chain((w) => fc.constantFrom(w, w.toLowerCase())),
  fc.constantFrom('VAR', 'TYPE', 'TRACKING', 'ON', 'off', 'UPS', 'RANGE', 'ENUM', 'NUMATTACH'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ''),
  fc.string({ unit: anyChar, maxLength: 12 }),
);

/** Checks what decodeRequest promises for any words: a request or NUT's error, never a throw. */
function checkDecoded(words: readonly string[]): void {
  const decoded = decodeRequest(words);
  if (decoded.ok) {
    expect(decoded.command).toBe(words[0]!.toUpperCase());
    expect(typeof decoded.request.kind).toBe('string');
  } else {
    expect(['UNKNOWN-COMMAND', 'INVALID-ARGUMENT']).toContain(decoded.error);
    if (decoded.error === 'UNKNOWN-COMMAND') expect(decoded.command).toBeUndefined();
  }
}

describe('server request decoder on hostile clients', () => {
  it('any words: a request or UNKNOWN-COMMAND / INVALID-ARGUMENT, never a throw', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) => checkDecoded(words)),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('any bytes, through the tokenizer as upsd reads them, in any chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1500 }), chunkSizes(), (bytes, sizes) => {
        const tokenizer = new Tokenizer();
        for (const chunk of chunksOf(bytes, sizes)) {
          for (const event of tokenizer.push(chunk)) {
            if (event.kind === 'line') checkDecoded(event.words);
          }
        }
        for (const event of tokenizer.end()) if (event.kind === 'line') checkDecoded(event.words);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
