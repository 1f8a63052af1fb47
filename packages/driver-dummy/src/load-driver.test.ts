import { describe, expect, it } from 'vitest';
import { noopLogger, systemClock } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { DummyDriver } from './dummy-driver.js';
import { loadDummyDriver } from './load-driver.js';
import { RepeaterDriver } from './repeater-driver.js';

function context(options: Record<string, string>): DriverContext {
  const store = new StateStore();
  return {
    upsName: 'test',
    store,
    status: new StatusBuilder(store),
    options,
    flags: [],
    confDir: '/etc/nut',
    logger: noopLogger,
    clock: systemClock,
  };
}

describe('loadDummyDriver picks the mode as createDummyDriver does', () => {
  it.each([
    [{ port: 'ups.dev' }, DummyDriver],
    [{ port: 'ups.seq' }, DummyDriver],
    [{ port: 'ups@localhost' }, RepeaterDriver],
    [{ port: 'ups@localhost:3493', mode: 'repeater' }, RepeaterDriver],
    [{ port: 'odd@name.dev', mode: 'dummy-once' }, DummyDriver],
  ])('%j', async (options, kind) => {
    const driver = await loadDummyDriver(context(options));
    expect(driver).toBeInstanceOf(kind);
    await driver.close?.();
  });
});
