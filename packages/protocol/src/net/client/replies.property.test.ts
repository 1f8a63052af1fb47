import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyFlags, NutError, type VarInfo } from '@nut-ts/core';
import { LineFramer } from '../../line-framer.js';
import {
  errorReply,
  listReply,
  rangeItem,
  typeReply,
  valueReply,
  wordsReply,
} from '../server/replies.js';
import { decodeOk, decodeTrackedOk, type OkKind } from './ok-replies.js';
import {
  decodeList,
  decodeNumLogins,
  decodeProtocolVersion,
  decodeSingle,
  decodeText,
  decodeTrackingMode,
  decodeTrackingResult,
  decodeType,
  ReplyMismatch,
} from './replies.js';
import { chunkSizes, chunksOf, fuzzRuns } from '@nut-ts/testkit';

const char = (min: number, max: number) =>
  fc.integer({ min, max }).map((code) => String.fromCharCode(code));
/** Any value a quoted word can carry: printable US-ASCII, escapes and all. */
const printable = fc.string({ unit: char(0x20, 0x7e), maxLength: 100 });
/** UPS and variable names as RFC 9271 writes them. */
const name = fc.stringMatching(/^[a-z][a-z0-9._-]{0,20}$/);

/** Chunk sizes for feeding a reply to the framer. */
const sizes = chunkSizes({ max: 16 });

/** Reply text cut into chunks of `cuts` bytes (the rest in one), through a framer. */
function chunked(text: string, cuts: readonly number[]): string[] {
  const framer = new LineFramer();
  const lines: string[] = [];
  for (const chunk of chunksOf(Buffer.from(text, 'latin1'), cuts)) {
    for (const framed of framer.push(chunk)) {
      lines.push(framed.kind === 'line' ? framed.line : '<overflow>');
    }
  }
  return lines;
}

/** Runs `decode`, passing only NutError and ReplyMismatch through. */
function tolerant(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    if (!(error instanceof NutError) && !(error instanceof ReplyMismatch)) throw error;
  }
}

describe('server reply builders decode back to the same values', () => {
  it('values, in chunks of any size', () => {
    fc.assert(
      fc.property(name, name, printable, sizes, (ups, variable, value, cuts) => {
        const lines = chunked(valueReply(['VAR', ups, variable], value), cuts);
        expect(lines).toHaveLength(1);
        expect(decodeSingle(lines[0]!, ['VAR', ups, variable], 1)).toEqual([value]);
      }),
    );
  });

  it('list blocks of values and ranges', () => {
    fc.assert(
      fc.property(
        name,
        name,
        fc.array(printable, { maxLength: 6 }),
        fc.array(fc.tuple(fc.integer(), fc.integer()), { maxLength: 4 }),
        sizes,
        (ups, variable, values, ranges, cuts) => {
          const query = ['ENUM', ups, variable];
          const enumText = listReply(
            query,
            values.map((v) => valueReply(query, v).slice(0, -1)),
          );
          const enumLines = chunked(enumText, cuts);
          expect(decodeList(enumLines, query, query, 1)).toEqual(values.map((v) => [v]));

          const rangeQuery = ['RANGE', ups, variable];
          const rangeText = listReply(
            rangeQuery,
            ranges.map(([min, max]) => rangeItem(ups, variable, { min, max })),
          );
          const decoded = decodeList(chunked(rangeText, cuts), rangeQuery, rangeQuery, 2);
          expect(decoded.map(([min, max]) => [Number(min), Number(max)])).toEqual(ranges);
        },
      ),
    );
  });

  it('counts, TYPE flags, tracking ids and errors', () => {
    fc.assert(
      fc.property(
        name,
        name,
        fc.nat(),
        fc.record({ rw: fc.boolean(), string: fc.boolean(), aux: fc.nat(), enums: fc.boolean() }),
        fc.uuid().map((id) => id.toUpperCase()),
        fc.stringMatching(/^[A-Z][A-Z-]{0,30}$/),
        (ups, variable, count, flags, id, code) => {
          const line = (text: string) => text.slice(0, -1);
          expect(decodeNumLogins(line(wordsReply(['NUMLOGINS', ups, String(count)])), ups)).toBe(
            count,
          );
          expect(decodeNumLogins(line(wordsReply(['NUMATTACH', ups, String(count)])), ups)).toBe(
            count,
          );
          const info: VarInfo = {
            name: variable,
            value: '',
            flags: { ...emptyFlags(), rw: flags.rw, string: flags.string },
            aux: flags.aux,
            enums: flags.enums ? ['a'] : [],
            ranges: [],
          };
          const type = decodeType(
            decodeSingle(line(typeReply(ups, variable, info)), ['TYPE', ups, variable], 1),
          );
          expect(type).toMatchObject({
            rw: flags.rw,
            enum: flags.enums,
            string: flags.string ? flags.aux : undefined,
            number: !flags.string,
          });
          expect(decodeTrackedOk(line(wordsReply(['OK', 'TRACKING', id])))).toEqual({
            trackingId: id,
          });
          expect(() => decodeOk(line(errorReply(code)), 'plain')).toThrow(
            expect.objectContaining({ name: 'NutError', code }) as Error,
          );
        },
      ),
    );
  });
});

const OK_KINDS: OkKind[] = ['plain', 'goodbye', 'starttls', 'primary', 'master', 'fsd'];

/** Every single-line decoder, asked about `line`. */
const SINGLE_DECODERS: Array<(line: string) => unknown> = [
  (line) => decodeSingle(line, ['VAR', 'u', 'v'], 1),
  (line) => decodeType(decodeSingle(line, ['TYPE', 'u', 'v'], 1)),
  (line) => decodeNumLogins(line, 'u'),
  (line) => decodeTrackedOk(line),
  (line) => decodeTrackingResult(line),
  (line) => decodeTrackingMode(line),
  (line) => decodeProtocolVersion(line),
  (line) => decodeText(line),
  ...OK_KINDS.map((kind) => (line: string) => decodeOk(line, kind)),
];

/** Junk that looks enough like replies to reach the decoders' deeper checks. */
const replyish = fc.oneof(
  fc.string({ unit: char(0, 0xff), maxLength: 80 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('OK', 'ERR', 'VAR', 'TYPE', 'NUMLOGINS', 'NUMATTACH', 'TRACKING', 'u', 'v'),
        fc.constantFrom('BEGIN', 'END', 'LIST', 'STRING:', 'STRING:x', '"', '\\', '#', '=', ''),
        fc.string({ unit: char(0x20, 0x7e), maxLength: 8 }),
      ),
      { maxLength: 8 },
    )
    .map((words) => words.join(' ')),
);

describe('junk never throws anything but NutError or ReplyMismatch', () => {
  it('single-line decoders', () => {
    fc.assert(
      fc.property(replyish, (junk) => {
        for (const decode of SINGLE_DECODERS) tolerant(() => decode(junk));
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('list decoder, on junk blocks and on raw bytes through the framer', () => {
    fc.assert(
      fc.property(
        fc.array(replyish, { maxLength: 6 }),
        fc.uint8Array({ maxLength: 200 }),
        (lines, bytes) => {
          tolerant(() => decodeList(lines, ['VAR', 'u'], ['VAR', 'u'], 2));
          tolerant(() => decodeList(['BEGIN LIST VAR u', ...lines], ['VAR', 'u'], ['VAR', 'u'], 2));
          const framed = new LineFramer({ maxLineLength: 64 })
            .push(bytes)
            .flatMap((f) => (f.kind === 'line' ? [f.line] : []));
          tolerant(() => decodeList(framed, ['VAR', 'u'], ['VAR', 'u'], 2));
          for (const line of framed)
            for (const decode of SINGLE_DECODERS) tolerant(() => decode(line));
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});
