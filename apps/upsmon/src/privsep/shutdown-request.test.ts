import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_LINE, RequestReader, type ParentRequest } from './shutdown-request.js';

function whole(input: string): ParentRequest[] {
  return new RequestReader().push(Buffer.from(input, 'latin1'));
}

function byteByByte(input: string): ParentRequest[] {
  const reader = new RequestReader();
  return [...Buffer.from(input, 'latin1')].flatMap((byte) => reader.push(Buffer.of(byte)));
}

const VECTORS: Array<[string, string, ParentRequest[]]> = [
  ['the request', 'SHUTDOWN\n', ['shutdown']],
  ['no newline yet', 'SHUTDOWN', []],
  ['twice', 'SHUTDOWN\nSHUTDOWN\n', ['shutdown', 'shutdown']],
  ['lower case', 'shutdown\n', ['invalid']],
  ['CRLF', 'SHUTDOWN\r\n', ['invalid']],
  ['an argument', 'SHUTDOWN rm -rf /\n', ['invalid']],
  ['an empty line', '\n', ['invalid']],
  ['NUL inside', 'SHUT\0DOWN\n', ['invalid']],
  ['junk, then the request', '\xff\xfe\x01\nSHUTDOWN\n', ['invalid', 'shutdown']],
  ['a 1 KB line, then the request', `${'A'.repeat(1024)}\nSHUTDOWN\n`, ['invalid', 'shutdown']],
  ['a request glued to an over-long line', `${'B'.repeat(100)}SHUTDOWN\n`, ['invalid']],
];

describe('requests from the monitoring child', () => {
  it.each(VECTORS)('%s: whole and byte by byte', (_, input, expected) => {
    expect(whole(input)).toEqual(expected);
    expect(byteByByte(input)).toEqual(expected);
  });

  it('never buffers more than MAX_REQUEST_LINE bytes of an endless line', () => {
    const reader = new RequestReader();
    const results = [];
    for (let i = 0; i < 1000; i++) results.push(...reader.push('X'.repeat(1024)));
    expect(results).toEqual(['invalid']);
    expect((reader as unknown as { line: string }).line.length).toBeLessThanOrEqual(
      MAX_REQUEST_LINE,
    );
    expect(reader.push('\nSHUTDOWN\n')).toEqual(['shutdown']);
  });
});
