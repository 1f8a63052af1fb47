import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyFlags, type VarInfo } from '@nut-ts/core';
import { decodeList, decodeSingle, decodeType } from '../client/replies.js';
import {
  compareCi,
  errorReply,
  listReply,
  rangeItem,
  sortByName,
  typeReply,
  valueReply,
  wordsReply,
} from './replies.js';

const info = (patch: Partial<VarInfo>): VarInfo => ({
  name: 'v',
  value: '',
  flags: emptyFlags(),
  aux: 0,
  enums: [],
  ranges: [],
  ...patch,
});

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});

describe('reply encoders', () => {
  it('writes the lines of the reference transcript', () => {
    expect(errorReply('UNKNOWN-UPS')).toBe('ERR UNKNOWN-UPS\n');
    expect(valueReply(['VAR', 'dummy', 'ups.status'], 'OL')).toBe('VAR dummy ups.status "OL"\n');
    expect(valueReply(['VAR', 'fake', 'ups.model'], 'Py "quoted" \\ model')).toBe(
      'VAR fake ups.model "Py \\"quoted\\" \\\\ model"\n',
    );
    expect(wordsReply(['NUMLOGINS', 'dummy', '0'])).toBe('NUMLOGINS dummy 0\n');
    expect(listReply(['ENUM', 'dummy', 'ups.status'], [])).toBe(
      'BEGIN LIST ENUM dummy ups.status\nEND LIST ENUM dummy ups.status\n',
    );
    expect(listReply(['CMD', 'dummy'], ['CMD dummy load.off'])).toBe(
      'BEGIN LIST CMD dummy\nCMD dummy load.off\nEND LIST CMD dummy\n',
    );
    expect(rangeItem('u', 'v', { min: -5, max: 10 })).toBe('RANGE u v "-5" "10"');
  });

  it('orders TYPE flags RW, ENUM, RANGE, then STRING:n or NUMBER', () => {
    expect(
      typeReply(
        'dummy',
        'ups.status',
        info({ flags: { rw: true, string: true, number: false }, aux: 32 }),
      ),
    ).toBe('TYPE dummy ups.status RW STRING:32\n');
    expect(
      typeReply(
        'dummy',
        'battery.charge',
        info({ flags: { rw: true, string: false, number: false } }),
      ),
    ).toBe('TYPE dummy battery.charge RW NUMBER\n');
    expect(
      typeReply(
        'su700',
        'x',
        info({
          enums: ['1'],
          ranges: [{ min: 0, max: 1 }],
          flags: { rw: true, string: false, number: true },
        }),
      ),
    ).toBe('TYPE su700 x RW ENUM RANGE NUMBER\n');
    expect(typeReply('u', 'ro', info({}))).toBe('TYPE u ro NUMBER\n');
  });

  it('sorts names case-insensitively, as NUT walks its tree', () => {
    const names = sortByName([
      { name: 'ups.status' },
      { name: 'Battery.charge' },
      { name: 'battery.a' },
    ]);
    expect(names.map((n) => n.name)).toEqual(['battery.a', 'Battery.charge', 'ups.status']);
    expect(compareCi('A', 'a')).toBe(0);
  });

  it('values survive our client decoder, whatever they contain', () => {
    fc.assert(
      fc.property(printable, (value) => {
        const line = valueReply(['VAR', 'u', 'v'], value).slice(0, -1);
        expect(decodeSingle(line, ['VAR', 'u', 'v'], 1)).toEqual([value]);
      }),
    );
  });

  it('list blocks survive our client decoder', () => {
    fc.assert(
      fc.property(fc.array(printable, { maxLength: 5 }), (values) => {
        const text = listReply(
          ['ENUM', 'u', 'v'],
          values.map((value) => valueReply(['ENUM', 'u', 'v'], value).slice(0, -1)),
        );
        const lines = text.split('\n').slice(0, -1);
        expect(decodeList(lines, ['ENUM', 'u', 'v'], ['ENUM', 'u', 'v'])).toEqual(
          values.map((value) => [value]),
        );
      }),
    );
  });

  it('TYPE replies decode to the flags they were made from', () => {
    const line = typeReply(
      'u',
      'v',
      info({ flags: { rw: true, string: true, number: false }, aux: 8, enums: ['a'] }),
    );
    expect(decodeType(line.trim().split(' ').slice(3))).toMatchObject({
      rw: true,
      enum: true,
      range: false,
      string: 8,
    });
  });
});
