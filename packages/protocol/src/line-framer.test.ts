import { describe, expect, it } from 'vitest';
import { LineFramer, type FramedLine } from './line-framer.js';

function feed(framer: LineFramer, input: string, byteByByte: boolean): FramedLine[] {
  if (!byteByByte) return framer.push(input);
  return [...input].flatMap((char) => framer.push(char));
}

describe('LineFramer', () => {
  for (const byteByByte of [false, true]) {
    it(`splits lines and strips CR (${byteByByte ? 'byte by byte' : 'whole'})`, () => {
      const out = feed(new LineFramer(), 'a\r\nb\n\nc', byteByByte);
      expect(out).toEqual([
        { kind: 'line', line: 'a' },
        { kind: 'line', line: 'b' },
        { kind: 'line', line: '' },
      ]);
    });

    it(`reports an over-long line once and recovers (${byteByByte ? 'byte by byte' : 'whole'})`, () => {
      const framer = new LineFramer({ maxLineLength: 8 });
      const out = feed(framer, `${'x'.repeat(50)}\nok\n`, byteByByte);
      expect(out[0]?.kind).toBe('overflow');
      expect(out.slice(1)).toEqual([{ kind: 'line', line: 'ok' }]);
      expect(framer.buffered).toBe(0);
    });
  }

  it('supports CR as the delimiter', () => {
    const framer = new LineFramer({ delimiter: 0x0d });
    expect(framer.push('(230.0 1\r#x\r')).toEqual([
      { kind: 'line', line: '(230.0 1' },
      { kind: 'line', line: '#x' },
    ]);
  });
});
