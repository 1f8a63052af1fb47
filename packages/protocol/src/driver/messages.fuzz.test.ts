import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyChar, chunkSizes, chunksOf, scale, fuzzRuns } from '@nut-ts/testkit';
import { Tokenizer } from '../tokenizer.js';
import { decodeDriverMessage, decodeServerToDriver } from './messages.js';

/** Driver socket words in any case and order, numbers of any size, or anything at all. */
const word = fc.oneof(
  fc
    .constantFrom('SETINFO', 'ADDRANGE', 'SETAUX', 'SETFLAGS', 'TRACKING', 'PID', 'OK', 'INSTCMD')
    .chain((w) => fc.constantFrom(w, w.toLowerCase())),
  fc.constantFrom('SET', 'BROADCAST', 'DUMPVALUE', 'Goodbye', 'DUMPDONE', '__proto__', ''),
  fc.constantFrom('-1', '+7', '0', '9'.repeat(400), '1e3', '0x10', ' 5', '1.5'),
  fc.string({ unit: anyChar, maxLength: 12 }),
);

/** Every number a decoded message holds: a safe integer, never Infinity or NaN. */
function expectSafeNumbers(message: object): void {
  for (const value of Object.values(message))
    if (typeof value === 'number') expect(Number.isSafeInteger(value)).toBe(true);
}

/**
 * Both directions' decoders: a message or undefined (the line is ignored), never a throw; any
 * number in a message is finite (a 400-digit ADDRANGE is clamped, as upsd's strtol clamps).
 */
function checkDecoded(words: readonly string[]): void {
  const fromDriver = decodeDriverMessage(words);
  if (fromDriver !== undefined) {
    expect(typeof fromDriver.type).toBe('string');
    expectSafeNumbers(fromDriver);
  }
  const toDriver = decodeServerToDriver(words);
  if (toDriver !== undefined) {
    expect(typeof toDriver.type).toBe('string');
    expectSafeNumbers(toDriver);
  }
}

describe('driver socket decoders on a hostile peer', () => {
  it('every number decoded from any string of digits is a safe integer', () => {
    /** Signed digit strings of every length up to 400, long ones as likely as short ones. */
    const digits = fc
      .tuple(fc.constantFrom('', '+', '-'), fc.integer({ min: 1, max: 400 }))
      .chain(([sign, length]) =>
        fc
          .string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length })
          .map((body) => sign + body),
      );
    const driverLine = fc.constantFrom(
      'ADDRANGE x %N 1',
      'DELRANGE x 1 %N',
      'SETAUX x %N',
      'TRACKING t %N',
      'PID %N',
    );
    fc.assert(
      fc.property(driverLine, digits, (line, n) => {
        const fromDriver = decodeDriverMessage(line.replace('%N', n).split(' '));
        const toDriver = decodeServerToDriver(['BROADCAST', n]);
        expect(fromDriver).toBeDefined();
        expect(toDriver).toBeDefined();
        expectSafeNumbers(fromDriver!);
        expectSafeNumbers(toDriver!);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('any words: a message or undefined, never a throw', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) => checkDecoded(words)),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('any bytes through the tokenizer, as upsd and the drivers read the socket', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1500 }), chunkSizes(), (bytes, sizes) => {
        const tokenizer = new Tokenizer();
        for (const chunk of chunksOf(bytes, sizes)) {
          for (const event of tokenizer.push(chunk)) {
            if (event.kind === 'line') checkDecoded(event.words);
          }
        }
      }),
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
