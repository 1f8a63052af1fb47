import { describe, expect, it } from 'vitest';
import { UpsmonMachine } from './machine.js';
import {
  S,
  config,
  fail,
  kinds,
  notifies,
  poll,
  primaryConf,
  secondaryConf,
} from './machine.test-helper.js';

describe('poll interval (POLLFREQ, POLLFREQALERT)', () => {
  it('uses POLLFREQ while all is well and POLLFREQALERT on battery, OFF, BYPASS, ALARM, OVER', () => {
    const m = new UpsmonMachine(primaryConf('POLLFREQ 30', 'POLLFREQALERT 4'), 0);
    expect(m.pollIntervalMs()).toBe(30 * S);
    poll(m, 'OL CHRG', 0);
    expect(m.pollIntervalMs()).toBe(30 * S);
    for (const status of ['OB', 'OL OFF', 'OL BYPASS', 'ALARM OL', 'OL OVER']) {
      poll(m, status, S);
      expect(m.pollIntervalMs(), status).toBe(4 * S);
    }
    poll(m, 'OL', 2 * S);
    expect(m.pollIntervalMs()).toBe(30 * S);
  });

  it('stays on POLLFREQALERT while a UPS last seen on battery is silent', () => {
    const m = new UpsmonMachine(primaryConf('POLLFREQ 30', 'POLLFREQALERT 4'), 0);
    poll(m, 'OB', 0);
    fail(m, S);
    expect(m.pollIntervalMs()).toBe(4 * S);
  });

  it('polls at gcd(POLLFREQALERT, OBLBDURATION) while an OBLBDURATION timer runs', () => {
    const m = new UpsmonMachine(primaryConf('POLLFREQALERT 6', 'OBLBDURATION 4'), 0);
    poll(m, 'OB', 0);
    expect(m.pollIntervalMs()).toBe(6 * S);
    poll(m, 'OB LB', S);
    expect(m.pollIntervalMs()).toBe(2 * S);
    poll(m, 'OB', 2 * S);
    expect(m.pollIntervalMs()).toBe(6 * S);
  });
});

describe('HOSTSYNC and FINALDELAY', () => {
  it('a primary gives up waiting on ticks alone, when no count ever arrives (hung server)', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OB LB', 0);
    expect(m.currentPhase).toBe('hostsync');
    expect(kinds(m.handle({ type: 'tick', at: 15 * S }))).toEqual([]);
    const expired = m.handle({ type: 'tick', at: 15.25 * S });
    expect(notifies(expired)).toEqual(['SHUTDOWN']);
    expect(m.currentPhase).toBe('final-delay');
  });

  it('notifies SHUTDOWN_HOSTSYNC once, and ignores counts outside the wait', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    expect(kinds(m.handle({ type: 'numlogins', count: 0, at: 0 }))).toEqual([]);
    expect(m.shuttingDown).toBe(false);
    poll(m, 'OB LB', S);
    expect(notifies(m.handle({ type: 'numlogins', count: 3, at: 1.25 * S }))).toEqual([
      'SHUTDOWN_HOSTSYNC',
    ]);
    expect(notifies(m.handle({ type: 'numlogins', count: 3, at: 1.5 * S }))).toEqual([]);
  });

  it('FINALDELAY 0 shuts down on the same event', () => {
    const m = new UpsmonMachine({ ...secondaryConf(), finalDelay: 0 }, 0);
    expect(kinds(poll(m, 'FSD OB LB', 0))).toContain('shutdown');
  });

  it('HOSTSYNC 0 on a secondary acts on the first OB LB reading', () => {
    const m = new UpsmonMachine({ ...secondaryConf(), hostSync: 0 }, 0);
    poll(m, 'OB', 0);
    poll(m, 'OB LB', S);
    expect(m.shuttingDown).toBe(true);
  });

  it('a secondary cut off while on battery shuts down once DEADTIME and HOSTSYNC have passed', () => {
    const m = new UpsmonMachine({ ...secondaryConf(), deadTime: 10 }, 0);
    poll(m, 'OB', 0);
    fail(m, 5 * S);
    fail(m, 11 * S); // past DEADTIME: remembered as OB LB
    expect(m.ups.get('ups@h')?.has('LB')).toBe(true);
    expect(m.shuttingDown).toBe(false);
    fail(m, 15.5 * S); // HOSTSYNC counts from the last good reading, at 0
    expect(m.shuttingDown).toBe(true);
  });
});

describe('the critical rules while communication is lost (OVERDURATION, ALARMCRITICAL, CAL, BYPASS, OFF)', () => {
  it('OVERDURATION -1 (default) never, N once overloaded N seconds, 0 at once', () => {
    const never = new UpsmonMachine(primaryConf(), 0);
    poll(never, 'OL OVER', 0);
    fail(never, S);
    fail(never, 600 * S);
    expect(never.shuttingDown).toBe(false);

    const after = new UpsmonMachine(primaryConf('OVERDURATION 10'), 0);
    poll(after, 'OL OVER', 0);
    fail(after, 9 * S);
    expect(after.shuttingDown).toBe(false);
    fail(after, 10 * S);
    expect(after.shuttingDown).toBe(true);

    const atOnce = new UpsmonMachine(primaryConf('OVERDURATION 0'), 0);
    poll(atOnce, 'OL OVER', 0);
    expect(atOnce.shuttingDown).toBe(false); // still talking: only a notification
    fail(atOnce, S);
    expect(atOnce.shuttingDown).toBe(true);
  });

  it('ALARMCRITICAL 1 (default) makes a silent UPS last seen in ALARM critical; 0 does not', () => {
    const critical = new UpsmonMachine(primaryConf(), 0);
    poll(critical, 'ALARM OL', 0, 'ups@h', 'Fan failure');
    expect(critical.shuttingDown).toBe(false);
    fail(critical, S);
    expect(critical.shuttingDown).toBe(true);

    const relaxed = new UpsmonMachine(primaryConf('ALARMCRITICAL 0'), 0);
    poll(relaxed, 'ALARM OL', 0, 'ups@h', 'Fan failure');
    fail(relaxed, S);
    expect(relaxed.shuttingDown).toBe(false);
  });

  it('CAL and BYPASS are critical only once the UPS has gone silent', () => {
    for (const status of ['OL CAL', 'OL BYPASS']) {
      const m = new UpsmonMachine(primaryConf(), 0);
      poll(m, status, 0);
      expect(m.shuttingDown, status).toBe(false);
      fail(m, S);
      expect(m.shuttingDown, status).toBe(true);
    }
  });

  it('TRIM and BOOST are never critical, silent or not', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL TRIM BOOST', 0);
    fail(m, S);
    fail(m, 1000 * S);
    expect(m.shuttingDown).toBe(false);
  });

  it('OFFDURATION -1 never, 0 at once; a silent UPS last seen OFF is critical', () => {
    const never = new UpsmonMachine(primaryConf('OFFDURATION -1'), 0);
    poll(never, 'OFF', 0);
    poll(never, 'OFF', 1000 * S);
    fail(never, 1001 * S);
    expect(never.shuttingDown).toBe(false);

    const atOnce = new UpsmonMachine(primaryConf('OFFDURATION 0'), 0);
    poll(atOnce, 'OFF', 0);
    expect(atOnce.shuttingDown).toBe(true);

    const silent = new UpsmonMachine(primaryConf(), 0);
    poll(silent, 'OFF', 0);
    fail(silent, S);
    expect(silent.shuttingDown).toBe(true);
  });
});

describe('notifications', () => {
  it('repeats ALARM when the alarm text changes, and sends NOTALARM when it clears', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    const first = poll(m, 'ALARM OL', 0, 'ups@h', 'Fan failure');
    expect(first).toContainEqual({
      type: 'notify',
      notify: 'ALARM',
      system: 'ups@h',
      extra: 'Fan failure',
    });
    expect(notifies(poll(m, 'ALARM OL', S, 'ups@h', 'Fan failure'))).toEqual([]);
    expect(notifies(poll(m, 'ALARM OL', 2 * S, 'ups@h', 'Overheat'))).toEqual(['ALARM']);
    expect(notifies(poll(m, 'OL', 3 * S))).toEqual(['NOTALARM']);
  });

  it('raises ECO and NOTECO from the status token, status words in any case', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL', 0);
    expect(notifies(poll(m, 'ol eco', S))).toEqual(['ECO']);
    expect(notifies(poll(m, 'OL', 2 * S))).toEqual(['NOTECO']);
  });

  it('does not repeat FSD while it stays set', () => {
    const m = new UpsmonMachine({ ...secondaryConf(), minSupplies: 0 }, 0);
    expect(notifies(poll(m, 'FSD OL', 0))).toEqual(['FSD']);
    expect(notifies(poll(m, 'FSD OL', S))).toEqual([]);
  });
});

describe('requests and reload', () => {
  it('a secondary asked to shut down (upsmon -c fsd) sends no FSD and does not wait', () => {
    const m = new UpsmonMachine(secondaryConf(), 0);
    const actions = m.handle({ type: 'fsd-request', at: 0 });
    expect(kinds(actions)).not.toContain('send-fsd');
    expect(notifies(actions)).toEqual(['SHUTDOWN']);
    expect(kinds(m.handle({ type: 'tick', at: 5 * S }))).toEqual(['shutdown']);
  });

  it('MINSUPPLIES 2 over two UPSes: losing either one shuts the host down', () => {
    const conf = config([
      'MONITOR a@h 1 u p secondary',
      'MONITOR b@h 1 u p secondary',
      'MINSUPPLIES 2',
    ]);
    const m = new UpsmonMachine(conf, 0);
    poll(m, 'OL', 0, 'a@h');
    poll(m, 'OB', 0, 'b@h');
    expect(m.shuttingDown).toBe(false);
    poll(m, 'FSD OB LB', S, 'b@h');
    expect(m.shuttingDown).toBe(true);
  });

  it('a reload keeps what is known about a UPS and applies the new power value', () => {
    const m = new UpsmonMachine(secondaryConf(), 0);
    poll(m, 'OB', 0);
    poll(m, 'OB LB', 5 * S);
    m.reload(secondaryConf('MONITOR other@h 1 u p secondary', 'MINSUPPLIES 2'), 10 * S);
    expect([...m.ups.keys()]).toEqual(['ups@h', 'other@h']);
    // no second ONBATT: the status survived the reload
    expect(notifies(poll(m, 'OB LB', 12 * S))).toEqual([]);
    // and so did the HOSTSYNC clock, which started before the reload
    poll(m, 'OB LB', 20.5 * S);
    expect(m.shuttingDown).toBe(true);

    const watcher = new UpsmonMachine(config(['MONITOR ups@h 1 u p secondary']), 0);
    watcher.reload(config(['MONITOR ups@h 0 u p secondary', 'MINSUPPLIES 0']), 0);
    poll(watcher, 'FSD OB LB', S);
    expect(watcher.shuttingDown).toBe(false);
  });

  it('a reload cannot call off a shutdown that has started', () => {
    const m = new UpsmonMachine(secondaryConf(), 0);
    poll(m, 'FSD OB LB', 0);
    m.reload(config(['MONITOR ups@h 0 u p secondary', 'MINSUPPLIES 0']), S);
    expect(kinds(m.handle({ type: 'tick', at: 5 * S }))).toEqual(['shutdown']);
  });
});
