import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../../tokenizer.js';
import { decodeRequest, type NetRequest } from '../../server/requests.js';
import { encodeGetCmdDesc, encodeGetDesc, encodeGetNumAttach, encodeGetNumLogins } from './get.js';
import { encodeGetTracking, encodeGetType, encodeGetUpsDesc, encodeGetVar } from './get.js';
import { encodeListClient, encodeListCmd, encodeListEnum, encodeListRange } from './list.js';
import { encodeListRw, encodeListUps, encodeListVar } from './list.js';
import { encodeAttach, encodeDetach, encodeFsd, encodeHelp, encodeLogin } from './session.js';
import { encodeLogout, encodeMaster, encodeNetver, encodePassword } from './session.js';
import {
  encodePrimary,
  encodeProtver,
  encodeStartTls,
  encodeUsername,
  encodeVer,
} from './session.js';
import { encodeInstcmd, encodeSetTracking, encodeSetVar } from './set.js';

/** What upsd makes of a line, fed whole or byte by byte: the words of each complete line. */
function serverWords(line: string, byteByByte: boolean): string[][] {
  const tokenizer = new Tokenizer();
  const chunks = byteByByte
    ? [...Buffer.from(line, 'latin1')].map((b) => Uint8Array.of(b))
    : [line];
  return chunks.flatMap((chunk) =>
    tokenizer.push(chunk).flatMap((event) => (event.kind === 'line' ? [event.words] : [])),
  );
}

/** Encoded line, and the request upsd's decoder must find in it. */
const VECTORS: Array<[string, string, NetRequest]> = [
  [encodeVer(), 'VER\n', { kind: 'VER' }],
  [encodeNetver(), 'NETVER\n', { kind: 'NETVER' }],
  [encodeProtver(), 'PROTVER\n', { kind: 'NETVER' }],
  [encodeHelp(), 'HELP\n', { kind: 'HELP' }],
  [encodeStartTls(), 'STARTTLS\n', { kind: 'STARTTLS' }],
  [encodeUsername('monuser'), 'USERNAME monuser\n', { kind: 'USERNAME', username: 'monuser' }],
  [
    encodePassword('pa ss"#\\'),
    'PASSWORD "pa ss\\"\\#\\\\"\n',
    { kind: 'PASSWORD', password: 'pa ss"#\\' },
  ],
  [encodePassword(''), 'PASSWORD ""\n', { kind: 'PASSWORD', password: '' }],
  [encodeLogin('su700'), 'LOGIN su700\n', { kind: 'LOGIN', ups: 'su700' }],
  [encodeAttach('su700'), 'ATTACH su700\n', { kind: 'LOGIN', ups: 'su700' }],
  [encodeLogout(), 'LOGOUT\n', { kind: 'LOGOUT' }],
  [encodeDetach(), 'DETACH\n', { kind: 'LOGOUT' }],
  [encodePrimary('u'), 'PRIMARY u\n', { kind: 'PRIMARY', ups: 'u', word: 'PRIMARY' }],
  [encodeMaster('u'), 'MASTER u\n', { kind: 'PRIMARY', ups: 'u', word: 'MASTER' }],
  [encodeFsd('u'), 'FSD u\n', { kind: 'FSD', ups: 'u' }],
  [
    encodeGetVar('u', 'ups.status'),
    'GET VAR u ups.status\n',
    { kind: 'GET VAR', ups: 'u', name: 'ups.status' },
  ],
  [encodeGetType('u', 'v'), 'GET TYPE u v\n', { kind: 'GET TYPE', ups: 'u', name: 'v' }],
  [encodeGetDesc('u', 'v'), 'GET DESC u v\n', { kind: 'GET DESC', ups: 'u', name: 'v' }],
  [
    encodeGetCmdDesc('u', 'load.off'),
    'GET CMDDESC u load.off\n',
    { kind: 'GET CMDDESC', ups: 'u', cmd: 'load.off' },
  ],
  [encodeGetUpsDesc('u'), 'GET UPSDESC u\n', { kind: 'GET UPSDESC', ups: 'u' }],
  [
    encodeGetNumLogins('u'),
    'GET NUMLOGINS u\n',
    { kind: 'GET NUMLOGINS', ups: 'u', word: 'NUMLOGINS' },
  ],
  [
    encodeGetNumAttach('u'),
    'GET NUMATTACH u\n',
    { kind: 'GET NUMLOGINS', ups: 'u', word: 'NUMATTACH' },
  ],
  [encodeGetTracking(), 'GET TRACKING\n', { kind: 'GET TRACKING' }],
  [
    encodeGetTracking('1BD31808-CB49-4AEC-9D75-901C4B5C2A9F'),
    'GET TRACKING 1BD31808-CB49-4AEC-9D75-901C4B5C2A9F\n',
    { kind: 'GET TRACKING', id: '1BD31808-CB49-4AEC-9D75-901C4B5C2A9F' },
  ],
  [encodeListUps(), 'LIST UPS\n', { kind: 'LIST UPS' }],
  [encodeListVar('u'), 'LIST VAR u\n', { kind: 'LIST VAR', ups: 'u' }],
  [encodeListRw('u'), 'LIST RW u\n', { kind: 'LIST RW', ups: 'u' }],
  [encodeListCmd('u'), 'LIST CMD u\n', { kind: 'LIST CMD', ups: 'u' }],
  [encodeListEnum('u', 'v'), 'LIST ENUM u v\n', { kind: 'LIST ENUM', ups: 'u', name: 'v' }],
  [encodeListRange('u', 'v'), 'LIST RANGE u v\n', { kind: 'LIST RANGE', ups: 'u', name: 'v' }],
  [encodeListClient('u'), 'LIST CLIENT u\n', { kind: 'LIST CLIENT', ups: 'u' }],
  [
    encodeSetVar('u', 'ups.id', 'Rack 7, row=B'),
    'SET VAR u ups.id "Rack 7, row=B"\n',
    { kind: 'SET VAR', ups: 'u', name: 'ups.id', value: 'Rack 7, row=B' },
  ],
  [
    encodeSetVar('u', 'ups.load', '42'),
    'SET VAR u ups.load "42"\n',
    { kind: 'SET VAR', ups: 'u', name: 'ups.load', value: '42' },
  ],
  [
    encodeSetVar('u', 'v', ''),
    'SET VAR u v ""\n',
    { kind: 'SET VAR', ups: 'u', name: 'v', value: '' },
  ],
  [encodeSetTracking(true), 'SET TRACKING ON\n', { kind: 'SET TRACKING', on: true }],
  [encodeSetTracking(false), 'SET TRACKING OFF\n', { kind: 'SET TRACKING', on: false }],
  [
    encodeInstcmd('u', 'load.off'),
    'INSTCMD u load.off\n',
    { kind: 'INSTCMD', ups: 'u', cmd: 'load.off' },
  ],
  [
    encodeInstcmd('u', 'test.battery.start', '60'),
    'INSTCMD u test.battery.start 60\n',
    { kind: 'INSTCMD', ups: 'u', cmd: 'test.battery.start', param: '60' },
  ],
  [
    encodeInstcmd('u', 'x', 'a b'),
    'INSTCMD u x "a b"\n',
    { kind: 'INSTCMD', ups: 'u', cmd: 'x', param: 'a b' },
  ],
];

describe('client request encoders', () => {
  for (const [line, expected, request] of VECTORS) {
    it(`${JSON.stringify(expected)} encodes as expected and upsd reads it back`, () => {
      expect(line).toBe(expected);
      for (const byteByByte of [false, true]) {
        const lines = serverWords(line, byteByByte);
        expect(lines).toHaveLength(1);
        expect(decodeRequest(lines[0]!)).toMatchObject({ ok: true, request });
      }
    });
  }

  it('refuses characters the protocol cannot carry, naming the argument', () => {
    expect(() => encodeUsername('a\nFSD ups')).toThrow(/user name.*printable US-ASCII/);
    expect(() => encodeGetVar('u', 'v\r')).toThrow(RangeError);
    expect(() => encodeSetVar('u', 'v', 'caf\u00e9')).toThrow(/value/);
    expect(() => encodeInstcmd('u', 'c', '\t')).toThrow(RangeError);
    expect(() => encodeLogin('\u0000')).toThrow(/UPS name/);
  });
});

/** Printable US-ASCII, the whole range a word may carry. */
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 80,
});

describe('client request encoders, properties', () => {
  it('any printable arguments reach upsd unchanged, as one line', () => {
    fc.assert(
      fc.property(printable, printable, printable, fc.boolean(), (ups, name, value, bytes) => {
        const check = (line: string, request: NetRequest) => {
          const lines = serverWords(line, bytes);
          expect(lines).toHaveLength(1);
          expect(decodeRequest(lines[0]!)).toMatchObject({ ok: true, request });
        };
        check(encodeSetVar(ups, name, value), { kind: 'SET VAR', ups, name, value });
        check(encodeInstcmd(ups, name, value), { kind: 'INSTCMD', ups, cmd: name, param: value });
        check(encodeGetVar(ups, name), { kind: 'GET VAR', ups, name });
        check(encodeListRange(ups, name), { kind: 'LIST RANGE', ups, name });
        check(encodeUsername(value), { kind: 'USERNAME', username: value });
        check(encodePassword(value), { kind: 'PASSWORD', password: value });
        check(encodeLogin(ups), { kind: 'LOGIN', ups });
        check(encodeGetTracking(value), { kind: 'GET TRACKING', id: value });
      }),
    );
  });

  it('any other string is refused before it reaches the wire', () => {
    fc.assert(
      fc.property(
        printable,
        fc.integer({ min: 0, max: 0xffff }).filter((c) => c < 0x20 || c > 0x7e),
        printable,
        (before, code, after) => {
          const bad = `${before}${String.fromCharCode(code)}${after}`;
          expect(() => encodeSetVar('u', 'v', bad)).toThrow(RangeError);
          expect(() => encodeGetVar(bad, 'v')).toThrow(RangeError);
          // A refused password is never echoed into the message.
          expect(() => encodePassword(`secret${bad}`)).toThrow(
            /^password has a character outside printable US-ASCII$/,
          );
        },
      ),
    );
  });
});
