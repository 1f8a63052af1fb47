import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, noopLogger, systemClock } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { makeTempDir } from '@nut-ts/testkit';
import { DummyDriver } from './dummy-driver.js';

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

function context(file: string, text: string, options: Record<string, string> = {}): DriverContext {
  const temp = makeTempDir('nut-dummy-');
  temps.push(temp);
  writeFileSync(join(temp.path, file), text);
  const store = new StateStore();
  return {
    upsName: 'd',
    store,
    status: new StatusBuilder(store),
    options: { port: file, ...options },
    flags: [],
    confDir: temp.path,
    logger: noopLogger,
    clock: new ManualClock(0),
  };
}

describe('dummy-ups', () => {
  it('plays a .seq file in a loop, pausing at each TIMER', async () => {
    const ctx = context(
      'loop.seq',
      'ups.status: OL\nTIMER 4\nups.status: OB\nTIMER 4\nups.status: OB LB\nTIMER 4\n',
    );
    const driver = new DummyDriver(ctx);
    await driver.init(ctx);
    const seen: Array<[string | undefined, number | undefined]> = [];
    for (let i = 0; i < 4; i++) {
      await driver.update(ctx);
      seen.push([ctx.store.getInfo('ups.status'), driver.nextUpdateMs()]);
    }
    expect(seen).toEqual([
      ['OL', 4000],
      ['OB', 4000],
      ['OB LB', 4000],
      ['OB LB', 1000],
    ]);
    await driver.update(ctx);
    expect(ctx.store.getInfo('ups.status')).toBe('OL');
  });

  it('reads a .dev file once, again when it changes; sets ALARM; accepts SET on any variable', async () => {
    const ctx = context(
      'ups.dev',
      'ups.status: OL\nbattery.charge: 90\nALARM Replace battery\ndriver.name: ignored\n',
    );
    const driver = new DummyDriver(ctx);
    await driver.init(ctx);
    await driver.update(ctx);
    expect(ctx.store.getInfo('ups.status')).toBe('ALARM OL');
    expect(ctx.store.getInfo('ups.alarm')).toBe('Replace battery');
    expect(ctx.store.getInfo('driver.name')).toBeUndefined();
    expect(ctx.store.get('battery.charge')?.flags).toEqual({
      rw: true,
      string: false,
      number: false,
    });
    expect(ctx.store.get('ups.mfr')).toMatchObject({
      value: 'Dummy Manufacturer',
      aux: 32,
      flags: { rw: true, string: true },
    });
    writeFileSync(join(ctx.confDir, 'ups.dev'), 'ups.status: OB\nbattery.charge: 40\n');
    await driver.update(ctx);
    expect(ctx.store.getInfo('ups.status')).toBe('OB');
    expect(await driver.setvar('ups.load', '55', ctx)).toBe(0);
    expect(ctx.store.getInfo('ups.load')).toBe('55');
    expect(await driver.setvar('driver.name', 'x', ctx)).toBe(2);
  });

  it('asks for an update as soon as its .dev file is written or replaced, not at the next poll', async () => {
    const ctx = { ...context('ups.dev', 'ups.status: OL\n'), clock: systemClock };
    const asked = () => new Promise<void>((resolve) => (ctx.requestUpdate = resolve));
    const driver = new DummyDriver(ctx);
    await driver.init(ctx);
    try {
      let next = asked();
      writeFileSync(join(ctx.confDir, 'ups.dev'), 'ups.status: OB\n');
      await next;
      await driver.update(ctx);
      expect(ctx.store.getInfo('ups.status')).toBe('OB');
      next = asked();
      writeFileSync(join(ctx.confDir, 'ups.dev.tmp'), 'ups.status: OB LB\n');
      renameSync(join(ctx.confDir, 'ups.dev.tmp'), join(ctx.confDir, 'ups.dev'));
      await next;
      await driver.update(ctx);
      expect(ctx.store.getInfo('ups.status')).toBe('OB LB');
    } finally {
      await driver.close();
    }
  });

  it('fails (stale data) while the file is missing and recovers when it is back', async () => {
    const ctx = context('ups.dev', 'ups.status: OL\n');
    const driver = new DummyDriver(ctx);
    await driver.init(ctx);
    const { rmSync } = await import('node:fs');
    rmSync(join(ctx.confDir, 'ups.dev'));
    await expect(driver.update(ctx)).rejects.toThrow();
    writeFileSync(join(ctx.confDir, 'ups.dev'), 'ups.status: OB\n');
    await driver.update(ctx);
    expect(ctx.store.getInfo('ups.status')).toBe('OB');
  });
});
