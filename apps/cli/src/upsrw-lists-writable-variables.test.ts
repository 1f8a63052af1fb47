import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@nut-ts/testkit';
import type { Fixture } from '@nut-ts/upsd/testing';
import { runOurs, servingFixture } from './test/run-ours.js';
import { upsrw } from './upsrw.js';

describe('upsrw without -s lists the writable variables', () => {
  let fixture: Fixture;
  let ups: string;
  beforeAll(async () => {
    ({ fixture, ups } = await servingFixture());
  });
  afterAll(() => fixture?.close());

  it("shows each type as NUT's upsrw does: RANGE and ENUM options with the SELECTED one", async () => {
    const run = await runOurs(upsrw, [ups]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '[battery.charge]',
        'Battery charge (percent of full)',
        'Type: RANGE',
        'Option: "0-100" SELECTED',
        'Value: 100',
        '',
        '[ups.id]',
        'UPS system identifier',
        'Type: STRING',
        'Maximum length: 8',
        'Value: rack 1',
        '',
        '[ups.label]',
        'Description unavailable',
        'Type: STRING',
        'Maximum length: 0',
        'Value: x',
        '',
        '[ups.mode]',
        'Description unavailable',
        'Type: ENUM',
        'Option: "auto" SELECTED',
        'Option: "eco"',
        'Value: auto',
        '',
        '',
      ].join('\n'),
    );
  });

  it('a value outside every range is not SELECTED', async () => {
    fixture.driver.store.setInfo('battery.charge', '150');
    fixture.driver.store.addRange('battery.charge', 200, 300);
    await waitFor(async () => (await runOurs(upsrw, [ups])).stdout.includes('Value: 150'), {
      what: 'upsd to pass on the change',
    });
    const run = await runOurs(upsrw, [ups]);
    expect(run.stdout).toContain('Option: "0-100"\nOption: "200-300"\nValue: 150\n');
  });

  it('-j lists them as JSON with their type, options and maximum length', async () => {
    const run = await runOurs(upsrw, ['-j', ups]);
    expect(run.code).toBe(0);
    const vars = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(vars.map((v) => [v.name, v.type])).toEqual([
      ['battery.charge', 'RANGE'],
      ['ups.id', 'STRING'],
      ['ups.label', 'STRING'],
      ['ups.mode', 'ENUM'],
    ]);
    expect(vars[3]).toEqual({
      name: 'ups.mode',
      value: 'auto',
      description: 'Description unavailable',
      type: 'ENUM',
      options: ['auto', 'eco'],
    });
    expect(vars[1]).toMatchObject({ maxLength: 8 });
  });
});
