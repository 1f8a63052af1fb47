import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_IN_QUOTES_ERROR, Tokenizer, type TokenizerEvent } from './tokenizer.js';
import { encodeLine } from './encode.js';

function whole(input: string): TokenizerEvent[] {
  const t = new Tokenizer();
  return [...t.push(input), ...t.end()];
}

function byteByByte(input: string): TokenizerEvent[] {
  const t = new Tokenizer();
  const out: TokenizerEvent[] = [];
  for (const byte of Buffer.from(input, 'latin1')) out.push(...t.push(Uint8Array.of(byte)));
  return [...out, ...t.end()];
}

const words = (events: TokenizerEvent[]) =>
  events.map((e) => (e.kind === 'line' ? e.words : `error: ${e.message}`));

const VECTORS: Array<[string, Array<string[] | string>]> = [
  ['GET VAR dummy ups.status\n', [['GET', 'VAR', 'dummy', 'ups.status']]],
  ['GET VAR dummy ups.status\r\n', [['GET', 'VAR', 'dummy', 'ups.status']]],
  ['GET VAR "dummy" "ups.status"\n', [['GET', 'VAR', 'dummy', 'ups.status']]],
  ['GET VAR dummy ups.status # comment\n', [['GET', 'VAR', 'dummy', 'ups.status']]],
  ['\n', [[]]],
  ['   \n', [[]]],
  ['# only a comment\n', [[]]],
  ['a#b\n', [['a']]],
  ['SET VAR u v ""\n', [['SET', 'VAR', 'u', 'v', '']]],
  ['password = x\n', [['password', '=', 'x']]],
  ['password=x\n', [['password', '=', 'x']]],
  ['a="b c"\n', [['a', '=', 'b c']]],
  ['say "he said \\"hi\\" \\\\ \\#"\n', [['say', 'he said "hi" \\ #']]],
  ['bare"quote x\n', [['bare"quote', 'x']]],
  ['esc\\ aped\n', [['esc aped']]],
  ['\\#notcomment\n', [['#notcomment']]],
  ['line \\\ncontinued\n', [['line', 'continued']]],
  ['GET VAR dummy ups.st\x01atus\n', [['GET', 'VAR', 'dummy', 'ups.status']]],
  ['caf\xe9\n', [['caf']]],
  ['GET VAR "du#mmy" ups.status\nVER\n', [`error: ${HASH_IN_QUOTES_ERROR}`, ['VER']]],
  ['GET VAR "dummy ups.status\nVER\n"\n', [['GET', 'VAR', 'dummy ups.statusVER']]],
  ['a b\nc', [['a', 'b'], ['c']]],
];

describe('Tokenizer', () => {
  for (const [input, expected] of VECTORS) {
    it(`tokenizes ${JSON.stringify(input)} whole and byte by byte`, () => {
      expect(words(whole(input))).toEqual(expected);
      expect(words(byteByByte(input))).toEqual(expected);
    });
  }

  it('reports the starting line number of each logical line', () => {
    const events = whole('a\n\nb \\\nc\nd\n');
    expect(events.map((e) => e.line)).toEqual([1, 2, 3, 5]);
  });

  it('keeps at most 32 words and 512 bytes a word', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    const [line] = whole(`${many}\n`);
    expect(line?.kind === 'line' && line.words.length).toBe(32);
    const [long] = whole(`GET VAR dummy ${'a'.repeat(2000)}\n`);
    expect(long?.kind === 'line' && long.words[3]?.length).toBe(512);
  });

  it('round-trips any printable words through encodeLine', () => {
    const word = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 10 }), (input) => {
        expect(words(whole(encodeLine(input)))).toEqual([input]);
      }),
    );
  });

  it('never throws on arbitrary bytes and stays bounded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const t = new Tokenizer();
        for (const event of [...t.push(bytes), ...t.end()]) {
          if (event.kind === 'line') {
            expect(event.words.length).toBeLessThanOrEqual(32);
            for (const w of event.words) expect(w.length).toBeLessThanOrEqual(512);
          }
        }
      }),
    );
  });
});
