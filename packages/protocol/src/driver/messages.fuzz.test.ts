import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scale, fuzzRuns } from '@nut-ts/testkit';
import { Tokenizer } from '../tokenizer.js';
import { decodeDriverMessage, decodeServerToDriver } from './messages.js';

const anyChar = fc.integer({ min: 0, max: 0x24f }).map((code) => String.fromCharCode(code));
/** Driver socket words in any case and order, numbers of any size, or anything at all. */
const word = fc.oneof(
  fc
    .constantFrom('SETINFO', 'ADDRANGE', 'SETAUX', 'SETFLAGS', 'TRACKING', 'PID', 'OK', 'INSTCMD')
    .chain((w) => fc.constantFrom(w, w.toLowerCase())),
  fc.constantFrom('SET', 'BROADCAST', 'DUMPVALUE', 'Goodbye', 'DUMPDONE', '__proto__', ''),
  fc.constantFrom('-1', '+7', '0', '9'.repeat(400), '1e3', '0x10', ' 5', '1.5'),
  fc.string({ unit: anyChar, maxLength: 12 }),
);

/** Both directions' decoders: a message or undefined (the line is ignored), never a throw. */
function checkDecoded(words: readonly string[]): void {
  const fromDriver = decodeDriverMessage(words);
  if (fromDriver !== undefined) expect(typeof fromDriver.type).toBe('string');
  const toDriver = decodeServerToDriver(words);
  if (toDriver !== undefined) expect(typeof toDriver.type).toBe('string');
}

describe('driver socket decoders on a hostile peer', () => {
  it('any words: a message or undefined, never a throw', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) => checkDecoded(words)),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('any bytes through the tokenizer, as upsd and the drivers read the socket', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1500 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 40 }),
        (bytes, sizes) => {
          const tokenizer = new Tokenizer();
          let at = 0;
          for (const size of [...sizes, bytes.length]) {
            for (const event of tokenizer.push(bytes.subarray(at, at + size))) {
              if (event.kind === 'line') checkDecoded(event.words);
            }
            at += size;
          }
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('a driver flooding megabytes of SETINFO without a line end holds a bounded line', () => {
    fc.assert(
      fc.property(fc.constantFrom('SETINFO x "', 'SETFLAGS x ', 'SETINFO '), (start) => {
        const tokenizer = new Tokenizer();
        tokenizer.push(start);
        const chunk = Buffer.from('ab c\\"d '.repeat(8192), 'latin1');
        for (let sent = 0; sent < scale(2, 8) * 1024 * 1024; sent += chunk.length) {
          expect(tokenizer.push(chunk)).toEqual([]);
          expect(tokenizer.buffered).toBeLessThanOrEqual(33 * 512);
        }
        const events = [...tokenizer.push(start.endsWith('"') ? '"\n' : '\n'), ...tokenizer.end()];
        expect(events).toHaveLength(1);
        const [event] = events;
        if (event?.kind !== 'line')
          throw new Error(`expected a line, got ${JSON.stringify(event)}`);
        expect(event.words.length).toBeLessThanOrEqual(32);
        checkDecoded(event.words);
      }),
      { numRuns: scale(3, 12) },
    );
  });
});
