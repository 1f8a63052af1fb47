import { describe, expect, it } from 'vitest';
import { parseDummyFile } from './dummy-file.js';

describe('dummy-ups data files', () => {
  it('parses values, TIMER, ALARM, and skips driver.* lines', () => {
    const { steps, problems } = parseDummyFile(
      [
        '# a comment',
        'ups.status: OB   LB',
        'ups.model: "Big UPS" 3000',
        'driver.name: dummy-ups',
        'battery.charge:',
        'TIMER 5',
        'ALARM replace battery',
        'ALARM',
        'nonsense',
      ].join('\n'),
    );
    expect(steps).toEqual([
      { kind: 'set', name: 'ups.status', value: 'OB LB', line: 2 },
      { kind: 'set', name: 'ups.model', value: 'Big UPS 3000', line: 3 },
      { kind: 'set', name: 'battery.charge', value: '', line: 5 },
      { kind: 'timer', seconds: 5, line: 6 },
      { kind: 'alarm', text: 'replace battery', line: 7 },
      { kind: 'alarm', text: undefined, line: 8 },
    ]);
    expect(problems).toEqual(["line 9: expected 'name: value', TIMER or ALARM, got 'nonsense'"]);
  });
});
