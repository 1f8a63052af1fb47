import { describe, expect, it } from 'vitest';
import { NutError } from '@nut-ts/core';
import { decodeList, decodeSingle, decodeType, endsList, ReplyMismatch } from './replies.js';

describe('client reply decoding', () => {
  it('decodes single lines with the echo check', () => {
    expect(decodeSingle('VAR dummy ups.status "OL"', ['VAR', 'dummy', 'ups.status'], 1)).toEqual([
      'OL',
    ]);
    expect(
      decodeSingle('var DUMMY ups.status "a \\"b\\" \\\\ \\#"', ['VAR', 'dummy', 'ups.status'], 1),
    ).toEqual(['a "b" \\ #']);
    expect(decodeSingle('NUMLOGINS dummy 2', ['NUMLOGINS', 'dummy'], 1)).toEqual(['2']);
    expect(() =>
      decodeSingle('VAR other ups.status "OL"', ['VAR', 'dummy', 'ups.status'], 1),
    ).toThrow(ReplyMismatch);
    expect(() => decodeSingle('ERR DATA-STALE', ['VAR', 'dummy', 'ups.status'], 1)).toThrow(
      NutError,
    );
  });

  it('decodes list blocks', () => {
    const lines = [
      'BEGIN LIST VAR dummy',
      'VAR dummy battery.charge "100"',
      'VAR dummy ups.status "OL"',
      'END LIST VAR dummy',
    ];
    expect(decodeList(lines, ['VAR', 'dummy'], ['VAR', 'dummy'])).toEqual([
      ['battery.charge', '100'],
      ['ups.status', 'OL'],
    ]);
    expect(decodeList(['BEGIN LIST UPS', 'END LIST UPS'], ['UPS'], ['UPS'])).toEqual([]);
    expect(() => decodeList(['ERR UNKNOWN-UPS'], ['VAR', 'x'], ['VAR', 'x'])).toThrow(NutError);
    expect(endsList('ERR UNKNOWN-UPS', true)).toBe(true);
    expect(endsList('VAR x y "ERR"', false)).toBe(false);
  });

  it('decodes TYPE flags', () => {
    expect(decodeType(['RW', 'ENUM', 'NUMBER'])).toMatchObject({
      rw: true,
      enum: true,
      range: false,
      string: undefined,
      number: true,
    });
    expect(decodeType(['RW', 'STRING:32'])).toMatchObject({ rw: true, string: 32, number: false });
  });
});
