import { describe, expect, it } from 'vitest';
import { NutError } from '@nut-ts/core';
import { LineFramer } from '../../line-framer.js';
import { decodeOk, decodeTrackedOk } from './ok-replies.js';
import {
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
} from './replies.js';

/** Reply lines out of a framer fed `text` whole or one byte at a time; overflows marked. */
function frame(text: string, byteByByte: boolean, maxLineLength?: number): string[] {
  const framer = new LineFramer(maxLineLength === undefined ? {} : { maxLineLength });
  const chunks = byteByByte
    ? [...Buffer.from(text, 'latin1')].map((b) => Uint8Array.of(b))
    : [text];
  return chunks.flatMap((chunk) =>
    framer.push(chunk).map((f) => (f.kind === 'line' ? f.line : `<overflow ${f.length}>`)),
  );
}

type Outcome =
  | { value: unknown }
  | { error: typeof NutError | typeof ReplyMismatch; code?: string };

/** [what, raw reply bytes, decoder of the framed lines, outcome]. */
const VECTORS: Array<[string, string, (lines: string[]) => unknown, Outcome]> = [
  [
    'VAR with CRLF',
    'VAR u ups.status "OL CHRG"\r\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'ups.status'], 1),
    { value: ['OL CHRG'] },
  ],
  [
    'VAR echo compared case-insensitively, escapes undone',
    'var U Ups.Status "a \\"b\\" \\\\ \\#"\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'ups.status'], 1),
    { value: ['a "b" \\ #'] },
  ],
  [
    'empty value',
    'VAR u device.serial ""\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'device.serial'], 1),
    { value: [''] },
  ],
  [
    'VAR for another UPS',
    'VAR other ups.status "OL"\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'ups.status'], 1),
    { error: ReplyMismatch },
  ],
  [
    'VAR without its value',
    'VAR u ups.status\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'ups.status'], 1),
    { error: ReplyMismatch },
  ],
  [
    'unescaped # inside quotes',
    'VAR u v "a#b"\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'v'], 1),
    { error: ReplyMismatch },
  ],
  [
    'ERR in place of a value',
    'ERR DATA-STALE\r\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'v'], 1),
    { error: NutError, code: 'DATA-STALE' },
  ],
  [
    'binary junk',
    '\x00\xff\x1b[2J\x80\n',
    ([line]) => decodeSingle(line!, ['VAR', 'u', 'v'], 1),
    { error: ReplyMismatch },
  ],
  ['NUMLOGINS', 'NUMLOGINS u 3\n', ([line]) => decodeNumLogins(line!, 'u'), { value: 3 }],
  [
    "RFC 9271's NUMATTACH",
    'NUMATTACH u 0\r\n',
    ([line]) => decodeNumLogins(line!, 'u'),
    { value: 0 },
  ],
  [
    'NUMLOGINS that is not a count',
    'NUMLOGINS u -1\n',
    ([line]) => decodeNumLogins(line!, 'u'),
    { error: ReplyMismatch },
  ],
  [
    'NUMLOGINS for another UPS',
    'NUMLOGINS v 1\n',
    ([line]) => decodeNumLogins(line!, 'u'),
    { error: ReplyMismatch },
  ],
  [
    'TYPE flags',
    'TYPE u v RW ENUM RANGE STRING:32\n',
    ([line]) => decodeType(decodeSingle(line!, ['TYPE', 'u', 'v'], 1)),
    {
      value: {
        rw: true,
        enum: true,
        range: true,
        string: 32,
        number: false,
        raw: ['RW', 'ENUM', 'RANGE', 'STRING:32'],
      },
    },
  ],
  [
    'TYPE with a bad STRING length',
    'TYPE u v STRING:x\n',
    ([line]) => decodeType(decodeSingle(line!, ['TYPE', 'u', 'v'], 1)),
    { error: ReplyMismatch },
  ],
  ['OK', 'OK\r\n', ([line]) => decodeOk(line!, 'plain'), { value: undefined }],
  ['OK Goodbye', 'OK Goodbye\n', ([line]) => decodeOk(line!, 'goodbye'), { value: undefined }],
  ['plain OK to LOGOUT', 'OK\n', ([line]) => decodeOk(line!, 'goodbye'), { error: ReplyMismatch }],
  ['OK STARTTLS', 'OK STARTTLS\n', ([line]) => decodeOk(line!, 'starttls'), { value: undefined }],
  [
    'OK Goodbye to STARTTLS',
    'OK Goodbye\n',
    ([line]) => decodeOk(line!, 'starttls'),
    { error: ReplyMismatch },
  ],
  [
    'OK PRIMARY-GRANTED',
    'OK PRIMARY-GRANTED\n',
    ([line]) => decodeOk(line!, 'primary'),
    { value: undefined },
  ],
  [
    "RFC 9271's bare OK to PRIMARY",
    'OK\n',
    ([line]) => decodeOk(line!, 'primary'),
    { value: undefined },
  ],
  [
    'MASTER-GRANTED to PRIMARY',
    'OK MASTER-GRANTED\n',
    ([line]) => decodeOk(line!, 'primary'),
    { error: ReplyMismatch },
  ],
  ['OK FSD-SET', 'OK FSD-SET\n', ([line]) => decodeOk(line!, 'fsd'), { value: undefined }],
  [
    'OK FSD-SET to USERNAME',
    'OK FSD-SET\n',
    ([line]) => decodeOk(line!, 'plain'),
    { error: ReplyMismatch },
  ],
  [
    'OK with junk after it',
    'OK then more\n',
    ([line]) => decodeOk(line!, 'plain'),
    { error: ReplyMismatch },
  ],
  [
    'ERR to LOGIN',
    'ERR ACCESS-DENIED\n',
    ([line]) => decodeOk(line!, 'plain'),
    { error: NutError, code: 'ACCESS-DENIED' },
  ],
  ['untracked OK', 'OK\n', ([line]) => decodeTrackedOk(line!), { value: {} }],
  [
    'OK TRACKING <id>',
    'OK TRACKING 1BD31808-CB49-4AEC-9D75-901C4B5C2A9F\r\n',
    ([line]) => decodeTrackedOk(line!),
    { value: { trackingId: '1BD31808-CB49-4AEC-9D75-901C4B5C2A9F' } },
  ],
  [
    'OK TRACKING without an id',
    'OK TRACKING\n',
    ([line]) => decodeTrackedOk(line!),
    { error: ReplyMismatch },
  ],
  [
    'OK Goodbye to SET',
    'OK Goodbye\n',
    ([line]) => decodeTrackedOk(line!),
    { error: ReplyMismatch },
  ],
  ['PENDING', 'PENDING\n', ([line]) => decodeTrackingResult(line!), { value: 'PENDING' }],
  [
    'ERR FAILED as a result',
    'ERR FAILED\n',
    ([line]) => decodeTrackingResult(line!),
    { value: 'FAILED' },
  ],
  [
    'tracking off',
    'ERR FEATURE-NOT-CONFIGURED\n',
    ([line]) => decodeTrackingResult(line!),
    { error: NutError, code: 'FEATURE-NOT-CONFIGURED' },
  ],
  ['tracking mode', 'ON\n', ([line]) => decodeTrackingMode(line!), { value: true }],
  [
    'tracking mode junk',
    'MAYBE\n',
    ([line]) => decodeTrackingMode(line!),
    { error: ReplyMismatch },
  ],
  ['NETVER', '1.3\r\n', ([line]) => decodeProtocolVersion(line!), { value: '1.3' }],
  [
    'NETVER out of step',
    'VAR u v "1"\n',
    ([line]) => decodeProtocolVersion(line!),
    { error: ReplyMismatch },
  ],
  [
    'VER banner',
    'Network UPS Tools upsd 2.8.0 - https://www.networkupstools.org/\n',
    ([line]) => decodeText(line!),
    { value: 'Network UPS Tools upsd 2.8.0 - https://www.networkupstools.org/' },
  ],
  [
    'LIST VAR block with CRLF',
    'BEGIN LIST VAR u\r\nVAR u battery.charge "100"\r\nVAR u ups.status "OL"\r\nEND LIST VAR u\r\n',
    (lines) => decodeList(lines, ['VAR', 'u'], ['VAR', 'u'], 2),
    {
      value: [
        ['battery.charge', '100'],
        ['ups.status', 'OL'],
      ],
    },
  ],
  [
    'empty LIST ENUM',
    'BEGIN LIST ENUM u v\nEND LIST ENUM u v\n',
    (lines) => decodeList(lines, ['ENUM', 'u', 'v'], ['ENUM', 'u', 'v'], 1),
    { value: [] },
  ],
  [
    'LIST RANGE with quoted bounds',
    'BEGIN LIST RANGE u v\nRANGE u v "-5" "10"\nEND LIST RANGE u v\n',
    (lines) => decodeList(lines, ['RANGE', 'u', 'v'], ['RANGE', 'u', 'v'], 2),
    { value: [['-5', '10']] },
  ],
  [
    'LIST item missing its value',
    'BEGIN LIST VAR u\nVAR u battery.charge\nEND LIST VAR u\n',
    (lines) => decodeList(lines, ['VAR', 'u'], ['VAR', 'u'], 2),
    { error: ReplyMismatch },
  ],
  [
    'LIST ended for another query',
    'BEGIN LIST VAR u\nEND LIST VAR x\n',
    (lines) => decodeList(lines, ['VAR', 'u'], ['VAR', 'u'], 2),
    { error: ReplyMismatch },
  ],
  [
    'ERR in place of a LIST',
    'ERR UNKNOWN-UPS\n',
    (lines) => decodeList(lines, ['VAR', 'x'], ['VAR', 'x'], 2),
    { error: NutError, code: 'UNKNOWN-UPS' },
  ],
];

describe('client reply decoders, fed through the line framer', () => {
  for (const [what, text, decode, outcome] of VECTORS) {
    for (const byteByByte of [false, true]) {
      it(`${what} (${byteByByte ? 'byte by byte' : 'whole'})`, () => {
        const lines = frame(text, byteByByte);
        if ('value' in outcome) {
          expect(decode(lines)).toEqual(outcome.value);
          return;
        }
        let thrown: unknown;
        try {
          decode(lines);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(outcome.error);
        if (outcome.code) expect(thrown).toMatchObject({ code: outcome.code });
      });
    }
  }

  it('an over-long reply is reported by the framer, and the next reply still decodes', () => {
    for (const byteByByte of [false, true]) {
      const text = `VAR u v "${'x'.repeat(100)}"\r\nVAR u v "short"\r\n`;
      const [overflow, next] = frame(text, byteByByte, 64);
      expect(overflow).toMatch(/^<overflow/);
      expect(decodeSingle(next!, ['VAR', 'u', 'v'], 1)).toEqual(['short']);
    }
  });
});

describe('endsList', () => {
  it('ends a block at END LIST, or at once when the first line is not BEGIN LIST', () => {
    expect(endsList('BEGIN LIST VAR u', true)).toBe(false);
    expect(endsList('VAR u v "END LIST"', false)).toBe(false);
    expect(endsList('END LIST VAR u', false)).toBe(true);
    expect(endsList('ERR UNKNOWN-UPS', true)).toBe(true);
    expect(endsList('OK', true)).toBe(true);
    expect(endsList('ERR whatever', false)).toBe(false);
  });
});
