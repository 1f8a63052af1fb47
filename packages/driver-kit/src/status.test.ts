import { describe, expect, it } from 'vitest';
import { StateStore } from './state-store.js';
import { StatusBuilder, type StatusBuilderOptions } from './status.js';

/** Commits one pass of tokens and alarms with battery.charge at `charge`. */
function builder(options: StatusBuilderOptions = {}) {
  const store = new StateStore();
  const status = new StatusBuilder(store, options);
  const pass = (charge: string, tokens: string[], alarms: string[] = []) => {
    store.setInfo('battery.charge', charge);
    status.init();
    for (const token of tokens) status.set(token);
    for (const alarm of alarms) status.alarm(alarm);
    status.commit();
    return store.getInfo('ups.status');
  };
  return { store, pass };
}

describe('StatusBuilder', () => {
  it('reports only what the driver set, as NUT 2.8.0 does: a falling charge adds no DISCHRG', () => {
    const { pass } = builder();
    expect(pass('100', ['OL'])).toBe('OL');
    expect(pass('80', ['OB'])).toBe('OB');
    expect(pass('10', ['OB', 'LB'])).toBe('OB LB');
    expect(pass('20', ['OL'])).toBe('OL');
  });

  it('keeps CHRG and DISCHRG the driver set, in its order', () => {
    const { pass } = builder();
    expect(pass('50', ['OB', 'DISCHRG', 'LB'])).toBe('OB DISCHRG LB');
    expect(pass('60', ['OL CHRG'])).toBe('OL CHRG');
  });

  it('puts ALARM first with the texts in ups.alarm, and removes ups.alarm when they clear', () => {
    const { pass, store } = builder();
    expect(pass('100', ['OL'], ['UPS selftest failed!', 'Shutdown imminent!'])).toBe('ALARM OL');
    expect(store.getInfo('ups.alarm')).toBe('UPS selftest failed! Shutdown imminent!');
    expect(pass('100', ['OL'])).toBe('OL');
    expect(store.getInfo('ups.alarm')).toBeUndefined();
  });

  it('under ignorelb drops the device LB and appends its own below battery.charge.low', () => {
    const { pass, store } = builder({ ignoreLb: true });
    store.setInfo('battery.charge.low', '20');
    expect(pass('50', ['OB LB'])).toBe('OB');
    expect(pass('10', ['OB'])).toBe('OB LB');
  });

  it('adds the charge trend only when asked (NUT after 2.8.0), never over what the driver set', () => {
    const { pass } = builder({ chargeTrend: true });
    expect(pass('90', ['OB'])).toBe('OB');
    expect(pass('80', ['OB'])).toBe('OB DISCHRG');
    expect(pass('85', ['OL'])).toBe('OL CHRG');
    expect(pass('80', ['OL', 'CHRG'])).toBe('OL CHRG');
    expect(pass('100', ['OL'])).toBe('OL');
  });
});
