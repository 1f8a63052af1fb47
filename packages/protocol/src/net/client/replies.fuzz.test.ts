import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NutError } from '@nut-ts/core';
import { anyChar, fuzzRuns } from '@nut-ts/testkit';
import { LineFramer } from '../../line-framer.js';
import { decodeOk, decodeTrackedOk, type OkKind } from './ok-replies.js';
import {
  afterEcho,
  decodeCount,
  decodeList,
  decodeNumLogins,
  decodeProtocolVersion,
  decodeSingle,
  decodeText,
  decodeTrackingMode,
  decodeTrackingResult,
  decodeType,
  endsList,
  ReplyMismatch,
  replyWords,
} from './replies.js';

/** A reply line from a hostile server: anything, or reply words in any order with junk. */
const line = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 200 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('OK', 'ERR', 'BEGIN', 'END', 'LIST', 'VAR', 'TYPE', 'NUMLOGINS', 'u', 'v'),
        fc.constantFrom('TRACKING', 'PENDING', 'SUCCESS', 'ON', 'STRING:', 'STRING:9999999999'),
        fc.constantFrom('"', '\\', '#', '"a#b"', '=', '', '\r', '\0', '1.3', '99999999999999999'),
        fc.string({ unit: anyChar, maxLength: 10 }),
      ),
      { maxLength: 10 },
    )
    .map((words) => words.join(' ')),
);
const words = fc.array(fc.string({ unit: anyChar, maxLength: 12 }), { maxLength: 8 });

const OK_KINDS: OkKind[] = ['plain', 'goodbye', 'starttls', 'primary', 'master', 'fsd'];

/** Every client-side decoder of one reply line. */
const LINE_DECODERS: Array<(line: string) => unknown> = [
  replyWords,
  decodeText,
  decodeTrackedOk,
  decodeTrackingResult,
  decodeTrackingMode,
  decodeProtocolVersion,
  (text) => decodeNumLogins(text, 'u'),
  (text) => decodeSingle(text, ['VAR', 'u', 'v'], 1),
  (text) => decodeType(decodeSingle(text, ['TYPE', 'u', 'v'], 1)),
  (text) => endsList(text, true),
  (text) => endsList(text, false),
  ...OK_KINDS.map((kind) => (text: string) => decodeOk(text, kind)),
];

/** The decoders' documented failures: the server's NutError, or a ReplyMismatch. */
function onlyDocumentedErrors(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    if (!(error instanceof NutError) && !(error instanceof ReplyMismatch)) throw error;
  }
}

describe('client reply decoders on hostile replies', () => {
  it('every single-line decoder throws only NutError or ReplyMismatch', () => {
    fc.assert(
      fc.property(line, (text) => {
        for (const decode of LINE_DECODERS) onlyDocumentedErrors(() => decode(text));
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('word-level decoders (echo, counts, TYPE flags) throw only ReplyMismatch', () => {
    fc.assert(
      fc.property(words, words, (got, echo) => {
        onlyDocumentedErrors(() => afterEcho(got, echo));
        onlyDocumentedErrors(() => decodeCount(got[0], 'count'));
        const type = decodeType(got);
        if (type.string !== undefined) expect(Number.isInteger(type.string)).toBe(true);
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('list decoder, on junk blocks and on raw bytes through the framer', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 8 }),
        fc.uint8Array({ maxLength: 400 }),
        (lines, bytes) => {
          onlyDocumentedErrors(() => decodeList(lines, ['VAR', 'u'], ['VAR', 'u'], 2));
          onlyDocumentedErrors(() =>
            decodeList(
              ['BEGIN LIST VAR u', ...lines, 'END LIST VAR u'],
              ['VAR', 'u'],
              ['VAR', 'u'],
            ),
          );
          const framed = new LineFramer({ maxLineLength: 128 })
            .push(bytes)
            .flatMap((f) => (f.kind === 'line' ? [f.line] : []));
          onlyDocumentedErrors(() => decodeList(framed, ['RW', 'u'], ['RW', 'u'], 2));
          for (const text of framed)
            for (const decode of LINE_DECODERS) onlyDocumentedErrors(() => decode(text));
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });
});
