import { describe, expect, it } from 'vitest';
import { parseChangeLine } from './change-line.js';

describe('NUTTS-CHANGE lines', () => {
  it('decodes VAR, DELVAR, STATE and NUMLOGINS', () => {
    expect(parseChangeLine('NUTTS-CHANGE VAR ups ups.status "OB LB"')).toEqual({
      kind: 'VAR',
      ups: 'ups',
      name: 'ups.status',
      value: 'OB LB',
    });
    expect(parseChangeLine('NUTTS-CHANGE VAR ups x ""')).toMatchObject({ value: '' });
    expect(parseChangeLine('NUTTS-CHANGE DELVAR ups ups.mode')).toEqual({
      kind: 'DELVAR',
      ups: 'ups',
      name: 'ups.mode',
    });
    expect(parseChangeLine('NUTTS-CHANGE STATE ups stale')).toEqual({
      kind: 'STATE',
      ups: 'ups',
      state: 'stale',
    });
    expect(parseChangeLine('NUTTS-CHANGE NUMLOGINS ups 12')).toEqual({
      kind: 'NUMLOGINS',
      ups: 'ups',
      count: 12,
    });
  });

  it('unescapes quoted values as upsd escapes them', () => {
    expect(parseChangeLine('NUTTS-CHANGE VAR ups m "say \\"hi\\" \\\\ there"')).toMatchObject({
      value: 'say "hi" \\ there',
    });
  });

  it('ignores other and malformed lines', () => {
    for (const line of [
      'VAR ups ups.status "OL"',
      '1.3',
      'NUTTS-CHANGE',
      'NUTTS-CHANGE VAR ups',
      'NUTTS-CHANGE VAR ups name',
      'NUTTS-CHANGE OTHER ups x',
      'NUTTS-CHANGE NUMLOGINS ups',
      'NUTTS-CHANGE NUMLOGINS ups -1',
      'NUTTS-CHANGE NUMLOGINS ups 1e3',
    ])
      expect(parseChangeLine(line)).toBeUndefined();
  });
});
