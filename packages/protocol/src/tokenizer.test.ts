import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_IN_QUOTES_ERROR, Tokenizer, tokenizeLine, type TokenizerEvent } from './tokenizer.js';
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

  it('splits plain lines at once exactly as the byte-by-byte state machine does', () => {
    // Whole lines of plain words take the fast path; single bytes never do. Mixing in the bytes
    // that force the slow path (quotes, escapes, #, =, tabs, CR, 8-bit) checks the boundary.
    const unit = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...'GETVAR ups.status x-_:1 ') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('"', '\\', '#', '=', '\t', '\r', '\x7f', '\xe9', '\n'),
      },
    );
    const line = fc.string({ unit, maxLength: 80 }).map((text) => `${text}\n`);
    const limits = fc.record({
      maxWords: fc.integer({ min: 1, max: 5 }),
      maxWordLength: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), limits, (lines, options) => {
        const input = Buffer.from(lines.join(''), 'latin1');
        const fast = new Tokenizer(options);
        const slow = new Tokenizer(options);
        const slowEvents = [...input].flatMap((byte) => slow.push(Uint8Array.of(byte)));
        expect([...fast.push(input), ...fast.end()]).toEqual([...slowEvents, ...slow.end()]);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(line, (text) => {
        const [first] = byteByByte(text);
        if (first?.kind === 'line' && !text.slice(0, -1).includes('\n'))
          expect(tokenizeLine(text)).toEqual(first.words);
      }),
      { numRuns: 500 },
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
