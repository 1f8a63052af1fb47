import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../tokenizer.js';
import { encodeLine } from '../../encode.js';
import { decodeRequest, type DecodedRequest, type NetRequest } from './requests.js';

function decodeWhole(line: string): DecodedRequest[] {
  const tokenizer = new Tokenizer();
  return tokenizer
    .push(line)
    .flatMap((event) => (event.kind === 'line' ? [decodeRequest(event.words)] : []));
}

function decodeByteByByte(line: string): DecodedRequest[] {
  const tokenizer = new Tokenizer();
  const out: DecodedRequest[] = [];
  for (const byte of Buffer.from(line, 'latin1')) {
    for (const event of tokenizer.push(Uint8Array.of(byte))) {
      if (event.kind === 'line') out.push(decodeRequest(event.words));
    }
  }
  return out;
}

const ok = (request: NetRequest, needsUser = false) => ({ ok: true, needsUser, request });
const bad = (command: string | undefined, needsUser = false) => ({
  ok: false,
  command,
  needsUser,
  error: command === undefined ? 'UNKNOWN-COMMAND' : 'INVALID-ARGUMENT',
});

/** Request lines and their decoding; argument rules checked against Debian's upsd 2.8.0. */
const VECTORS: Array<[string, object]> = [
  ['VER\n', ok({ kind: 'VER' })],
  ['ver\r\n', ok({ kind: 'VER' })],
  ['VER extra\n', bad('VER')],
  ['NETVER\n', ok({ kind: 'NETVER' })],
  ['PROTVER\n', ok({ kind: 'NETVER' })],
  ['PROTVER x\n', bad('PROTVER')],
  ['HELP me\n', bad('HELP')],
  ['STARTTLS\n', ok({ kind: 'STARTTLS' })],
  ['STARTTLS extra words\n', ok({ kind: 'STARTTLS' })],
  ['\n', bad(undefined)],
  ['   # only a comment\n', bad(undefined)],
  ['FOO\n', bad(undefined)],
  ['foo bar baz\n', bad(undefined)],
  ['USERNAME bob\n', ok({ kind: 'USERNAME', username: 'bob' })],
  ['USERNAME\n', bad('USERNAME')],
  ['USERNAME a b\n', bad('USERNAME')],
  ['PASSWORD "s3cr\\#t x"\n', ok({ kind: 'PASSWORD', password: 's3cr#t x' })],
  ['LOGIN ups\n', ok({ kind: 'LOGIN', ups: 'ups' }, true)],
  ['ATTACH ups\n', ok({ kind: 'LOGIN', ups: 'ups' }, true)],
  ['LOGIN\n', bad('LOGIN', true)],
  ['LOGIN a b\n', bad('LOGIN', true)],
  ['LOGOUT\n', ok({ kind: 'LOGOUT' })],
  ['DETACH\n', ok({ kind: 'LOGOUT' })],
  ['LOGOUT now\n', bad('LOGOUT')],
  ['PRIMARY ups\n', ok({ kind: 'PRIMARY', ups: 'ups', word: 'PRIMARY' }, true)],
  ['master ups\n', ok({ kind: 'PRIMARY', ups: 'ups', word: 'MASTER' }, true)],
  ['PRIMARY a b\n', bad('PRIMARY', true)],
  ['FSD ups\n', ok({ kind: 'FSD', ups: 'ups' }, true)],
  ['FSD\n', bad('FSD', true)],
  ['GET\n', bad('GET')],
  ['GET FOO ups\n', bad('GET')],
  ['GET FOO a b c\n', bad('GET')],
  ['GET NUMLOGINS\n', bad('GET')],
  ['GET NUMLOGINS Ups extra\n', ok({ kind: 'GET NUMLOGINS', ups: 'Ups', word: 'NUMLOGINS' })],
  ['get numattach ups\n', ok({ kind: 'GET NUMLOGINS', ups: 'ups', word: 'NUMATTACH' })],
  ['GET UPSDESC ups\n', ok({ kind: 'GET UPSDESC', ups: 'ups' })],
  ['GET VAR ups\n', bad('GET')],
  ['GET VAR ups ups.status extra\n', ok({ kind: 'GET VAR', ups: 'ups', name: 'ups.status' })],
  ['Get Type "ups" x\n', ok({ kind: 'GET TYPE', ups: 'ups', name: 'x' })],
  ['GET DESC ups x\n', ok({ kind: 'GET DESC', ups: 'ups', name: 'x' })],
  ['GET CMDDESC ups load.off\n', ok({ kind: 'GET CMDDESC', ups: 'ups', cmd: 'load.off' })],
  ['GET TRACKING\n', ok({ kind: 'GET TRACKING' })],
  ['GET TRACKING id extra\n', ok({ kind: 'GET TRACKING', id: 'id' })],
  ['LIST\n', bad('LIST')],
  ['LIST UPS extra\n', ok({ kind: 'LIST UPS' })],
  ['LIST VAR\n', bad('LIST')],
  ['list var ups\n', ok({ kind: 'LIST VAR', ups: 'ups' })],
  ['LIST RW ups\n', ok({ kind: 'LIST RW', ups: 'ups' })],
  ['LIST CMD ups\n', ok({ kind: 'LIST CMD', ups: 'ups' })],
  ['LIST CLIENT ups x\n', ok({ kind: 'LIST CLIENT', ups: 'ups' })],
  ['LIST ENUM ups\n', bad('LIST')],
  ['LIST ENUM ups v\n', ok({ kind: 'LIST ENUM', ups: 'ups', name: 'v' })],
  ['LIST RANGE ups v\n', ok({ kind: 'LIST RANGE', ups: 'ups', name: 'v' })],
  ['LIST FOO ups\n', bad('LIST')],
  ['SET\n', bad('SET', true)],
  ['SET VAR ups v\n', bad('SET', true)],
  [
    'SET VAR ups v "a \\"b\\"" extra\n',
    ok({ kind: 'SET VAR', ups: 'ups', name: 'v', value: 'a "b"' }, true),
  ],
  ['SET VAR ups v ""\n', ok({ kind: 'SET VAR', ups: 'ups', name: 'v', value: '' }, true)],
  ['set tracking on\n', ok({ kind: 'SET TRACKING', on: true }, true)],
  ['SET TRACKING OFF extra\n', ok({ kind: 'SET TRACKING', on: false }, true)],
  ['SET TRACKING MAYBE\n', bad('SET', true)],
  ['SET TRACKING\n', bad('SET', true)],
  ['SET FOO a b c\n', bad('SET', true)],
  ['INSTCMD ups\n', bad('INSTCMD', true)],
  ['INSTCMD ups load.off\n', ok({ kind: 'INSTCMD', ups: 'ups', cmd: 'load.off' }, true)],
  [
    'INSTCMD ups load.off 30 extra\n',
    ok({ kind: 'INSTCMD', ups: 'ups', cmd: 'load.off', param: '30' }, true),
  ],
];

describe('decodeRequest', () => {
  for (const [line, expected] of VECTORS) {
    it(`${JSON.stringify(line)} whole and byte by byte`, () => {
      expect(decodeWhole(line)).toEqual([expect.objectContaining(expected)]);
      expect(decodeByteByByte(line)).toEqual(decodeWhole(line));
    });
  }

  it('names the upper-cased command word, kept apart from its alias', () => {
    expect(decodeRequest(['attach', 'u'])).toMatchObject({ ok: true, command: 'ATTACH' });
    expect(decodeRequest(['Protver'])).toMatchObject({ ok: true, command: 'PROTVER' });
  });

  it('never throws, and only the privileged commands need a user', () => {
    const privileged = new Set(['LOGIN', 'ATTACH', 'PRIMARY', 'MASTER', 'FSD', 'SET', 'INSTCMD']);
    const word = fc.oneof(
      fc.constantFrom('GET', 'LIST', 'SET', 'INSTCMD', 'LOGIN', 'VAR', 'TRACKING', 'ON', 'UPS'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (words) => {
        const decoded = decodeRequest(words);
        expect(decoded.needsUser).toBe(privileged.has(decoded.command ?? ''));
        if (decoded.command !== undefined) {
          expect(decoded.command).toBe(words[0]!.toUpperCase());
        }
      }),
    );
  });

  it('decodes what a client encodes, whatever the values', () => {
    const value = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    });
    fc.assert(
      fc.property(value, value, value, (ups, name, text) => {
        const line = encodeLine(['SET', 'VAR', ups, name, text]);
        expect(decodeWhole(line)).toEqual([
          expect.objectContaining(ok({ kind: 'SET VAR', ups, name, value: text }, true)),
        ]);
      }),
    );
  });
});
