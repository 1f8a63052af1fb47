import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NutError } from '@nut-ts/core';
import { anyChar, chunkSizes, chunksOf, scale, fuzzRuns } from '@nut-ts/testkit';
import { LineFramer, type FramedLine } from './line-framer.js';
import { Tokenizer, tokenizeLine, type TokenizerEvent } from './tokenizer.js';

/** The most a tokenizer with NUT's limits (32 words of 512 bytes) may hold for one line. */
const TOKENIZER_BOUND = (32 + 1) * 512;

/** Bytes that steer the tokenizer between its states, mixed with anything at all. */
const junkByte = fc.oneof(
  fc.constantFrom(0x0a, 0x0d, 0x22, 0x23, 0x5c, 0x3d, 0x20, 0x09, 0x00, 0xff),
  fc.integer({ min: 0, max: 0xff }),
);
const junk = fc.array(junkByte, { maxLength: 2000 }).map((bytes) => Uint8Array.from(bytes));
/** Where to cut the input into chunks (empty chunks included). */
const cuts = chunkSizes({ min: 0, maxLength: 60 });

/** Feeds `bytes` in chunks of `sizes` (then the rest), checking the bound after every push. */
function feedChunked(
  target: { push(chunk: Uint8Array): unknown[]; readonly buffered: number },
  bytes: Uint8Array,
  sizes: readonly number[],
  bound: number,
): unknown[] {
  const out: unknown[] = [];
  for (const chunk of chunksOf(bytes, sizes)) {
    out.push(...target.push(chunk));
    expect(target.buffered).toBeLessThanOrEqual(bound);
  }
  return out;
}

/** What a flood is made of: random bytes, one endless word, or one endless quoted word. */
type FloodKind = 'mixed' | 'word' | 'quoted';

/**
 * A junk flood of `megabytes` MB in 64 KB chunks with neither LF nor `#` (nor, when quoted, a
 * closing quote), so nothing ends the line or turns the rest into a comment.
 */
function* flood(megabytes: number, seed: number, kind: FloodKind): Generator<Uint8Array> {
  let state = seed >>> 0 || 1;
  for (let sent = 0; sent < megabytes * 1024 * 1024; sent += 65536) {
    const chunk = new Uint8Array(65536);
    for (let i = 0; i < chunk.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      const byte = state >>> 24;
      const unwanted = byte === 0x0a || byte === 0x23 || (kind === 'quoted' && byte === 0x22);
      chunk[i] = kind === 'word' || unwanted ? 0x41 : byte;
    }
    if (sent === 0 && kind === 'quoted') chunk[0] = 0x22;
    yield chunk;
  }
}
const floodKind = fc.constantFrom<FloodKind>('mixed', 'word', 'quoted');

describe('Tokenizer on arbitrary bytes', () => {
  it('never throws, gives the same events whatever the chunking, and stays bounded', () => {
    fc.assert(
      fc.property(junk, cuts, (bytes, sizes) => {
        const whole = new Tokenizer();
        const expected: TokenizerEvent[] = [...whole.push(bytes), ...whole.end()];
        const chunked = new Tokenizer();
        const got = feedChunked(chunked, bytes, sizes, TOKENIZER_BOUND);
        expect([...got, ...chunked.end()]).toEqual(expected);
        let previous = 0;
        for (const event of expected) {
          expect(event.line).toBeGreaterThanOrEqual(Math.max(1, previous));
          previous = event.line;
          if (event.kind === 'line') {
            expect(event.words.length).toBeLessThanOrEqual(32);
            for (const word of event.words) {
              expect(word.length).toBeLessThanOrEqual(512);
              expect(word).toMatch(/^[\x20-\x7f]*$/);
            }
          }
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('holds at most 33 words of 512 bytes after megabytes of junk without a line end', () => {
    fc.assert(
      fc.property(fc.integer(), floodKind, (seed, kind) => {
        const tokenizer = new Tokenizer();
        for (const chunk of flood(scale(1, 4), seed, kind)) {
          for (const event of tokenizer.push(chunk)) {
            if (event.kind === 'line') expect(event.words.length).toBeLessThanOrEqual(32);
          }
          expect(tokenizer.buffered).toBeLessThanOrEqual(TOKENIZER_BOUND);
        }
      }),
      { numRuns: scale(3, 30) },
    );
  });

  it('tokenizeLine throws nothing but a NutError', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 300 }), (text) => {
        try {
          tokenizeLine(text);
        } catch (error) {
          expect(error).toBeInstanceOf(NutError);
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
    expect(() => tokenizeLine('PASSWORD "a#b"')).toThrow(NutError);
  });
});

describe('LineFramer on arbitrary bytes', () => {
  it('never throws, gives the same lines whatever the chunking, and stays bounded', () => {
    fc.assert(
      fc.property(junk, cuts, fc.integer({ min: 1, max: 300 }), (bytes, sizes, max) => {
        // An overflow's reported length depends on where the chunks fell: compare the kinds.
        const shape = (framed: unknown[]) =>
          (framed as FramedLine[]).map((f) => (f.kind === 'line' ? f.line : '<overflow>'));
        const expected = new LineFramer({ maxLineLength: max }).push(bytes);
        const framer = new LineFramer({ maxLineLength: max });
        expect(shape(feedChunked(framer, bytes, sizes, max))).toEqual(shape(expected));
        for (const framed of expected) {
          if (framed.kind === 'line') expect(framed.line.length).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('holds at most maxLineLength bytes after megabytes without a delimiter, then recovers', () => {
    fc.assert(
      fc.property(fc.integer(), floodKind, (seed, kind) => {
        const framer = new LineFramer();
        let overflows = 0;
        for (const chunk of flood(scale(2, 8), seed, kind)) {
          for (const framed of framer.push(chunk)) {
            expect(framed.kind).toBe('overflow');
            overflows++;
          }
          expect(framer.buffered).toBeLessThanOrEqual(4096);
        }
        expect(overflows).toBe(1);
        expect(framer.push('\nVER\n')).toEqual([{ kind: 'line', line: 'VER' }]);
      }),
      { numRuns: scale(2, 20) },
    );
  });
});
