import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UpsmonMachine } from './machine.js';
import type { MachineAction } from './types.js';
import {
  S,
  config,
  kinds,
  notifies,
  poll,
  primaryConf,
  secondaryConf,
} from './machine.test-helper.js';

describe('notifications from status changes', () => {
  it('suppresses ONLINE on the first poll but not ONBATT or LOWBATT', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    expect(notifies(poll(m, 'OL', 0))).toEqual([]);
    expect(notifies(poll(m, 'OB DISCHRG', 5 * S))).toEqual(['ONBATT']);
    expect(notifies(poll(m, 'OL CHRG', 10 * S))).toEqual(['ONLINE']);
    const fresh = new UpsmonMachine(secondaryConf(), 0);
    expect(notifies(poll(fresh, 'OB LB', 0))).toEqual(['ONBATT', 'LOWBATT']);
  });

  it('raises and clears paired events, OTHER, and REPLBATT every RBWARNTIME', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL', 0);
    expect(notifies(poll(m, 'OL BOOST RB WEIRD', S))).toEqual(['BOOST', 'OTHER', 'REPLBATT']);
    expect(notifies(poll(m, 'OL RB', 2 * S))).toEqual(['NOTBOOST', 'NOTOTHER']);
    expect(notifies(poll(m, 'OL RB', 43_201 * S))).toEqual(['REPLBATT']);
  });

  it('reports COMMBAD once, NOCOMM every NOCOMMWARNTIME, COMMOK on recovery', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL', 0);
    expect(
      notifies(m.handle({ type: 'poll-failed', system: 'ups@h', reason: 'x', at: S })),
    ).toEqual(['COMMBAD']);
    expect(
      notifies(m.handle({ type: 'poll-failed', system: 'ups@h', reason: 'x', at: 100 * S })),
    ).toEqual([]);
    expect(
      notifies(m.handle({ type: 'poll-failed', system: 'ups@h', reason: 'x', at: 302 * S })),
    ).toEqual(['NOCOMM']);
    expect(notifies(poll(m, 'OL', 303 * S))).toEqual(['COMMOK']);
  });

  it('reports NOCOMM when LOGIN is refused (where NUT stays silent)', () => {
    const m = new UpsmonMachine(secondaryConf(), 0);
    const actions = m.handle({
      type: 'login-failed',
      system: 'ups@h',
      reason: 'ACCESS-DENIED',
      at: 0,
    });
    expect(notifies(actions)).toEqual(['NOCOMM']);
  });
});

describe('the primary', () => {
  it('sets FSD on OB LB, waits for the count to reach 1, then shuts down after FINALDELAY', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL', 0);
    const critical = poll(m, 'OB LB', 10 * S);
    expect(kinds(critical)).toContain('send-fsd');
    expect(kinds(critical)).toContain('watch-numlogins');
    expect(m.currentPhase).toBe('hostsync');
    expect(notifies(m.handle({ type: 'numlogins', count: 3, at: 10.25 * S }))).toEqual([
      'SHUTDOWN_HOSTSYNC',
    ]);
    expect(kinds(m.handle({ type: 'numlogins', count: 2, at: 11 * S }))).toEqual([]);
    expect(notifies(m.handle({ type: 'numlogins', count: 1, at: 12 * S }))).toEqual(['SHUTDOWN']);
    expect(kinds(m.handle({ type: 'tick', at: 16.9 * S }))).toEqual([]);
    expect(kinds(m.handle({ type: 'tick', at: 17 * S }))).toEqual(['shutdown']);
  });

  it('proceeds when HOSTSYNC expires', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OB LB', 0);
    m.handle({ type: 'numlogins', count: 2, at: 5 * S });
    expect(m.currentPhase).toBe('hostsync');
    expect(notifies(m.handle({ type: 'numlogins', count: 2, at: 15.5 * S }))).toEqual(['SHUTDOWN']);
  });

  it('treats a UPS silent past DEADTIME while on battery as low battery', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OB', 0);
    m.handle({ type: 'poll-failed', system: 'ups@h', reason: 'x', at: 5 * S });
    expect(m.shuttingDown).toBe(false);
    m.handle({ type: 'tick', at: 14 * S });
    expect(m.shuttingDown).toBe(false);
    m.handle({ type: 'tick', at: 16 * S });
    expect(m.shuttingDown).toBe(true);
  });

  it('does not treat a silent UPS last seen on line as critical', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL', 0);
    m.handle({ type: 'poll-failed', system: 'ups@h', reason: 'x', at: 5 * S });
    m.handle({ type: 'tick', at: 500 * S });
    expect(m.shuttingDown).toBe(false);
  });

  it('ignores OB LB during calibration, honours OBLBDURATION and OFFDURATION', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OB LB CAL', 0);
    expect(m.shuttingDown).toBe(false);

    const delayed = new UpsmonMachine(
      config(['MONITOR ups@h 1 u p primary', 'OBLBDURATION 10']),
      0,
    );
    poll(delayed, 'OB LB', 0);
    poll(delayed, 'OB LB', 9 * S);
    expect(delayed.shuttingDown).toBe(false);
    poll(delayed, 'OB LB', 10 * S);
    expect(delayed.shuttingDown).toBe(true);

    const off = new UpsmonMachine(primaryConf(), 0);
    poll(off, 'OFF', 0);
    poll(off, 'OFF', 29 * S);
    expect(off.shuttingDown).toBe(false);
    poll(off, 'OFF', 30 * S);
    expect(off.shuttingDown).toBe(true);
  });

  it('shuts down on request (upsmon -c fsd)', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL', 0);
    expect(kinds(m.handle({ type: 'fsd-request', at: S }))).toContain('send-fsd');
  });

  it('names the moment HOSTSYNC runs out, then the end of FINALDELAY', () => {
    const m = new UpsmonMachine(primaryConf(), 0);
    poll(m, 'OL', 0);
    expect(m.nextDeadline()).toBeUndefined();
    m.handle({ type: 'fsd-request', at: S });
    expect(m.nextDeadline()).toBe(16 * S + 1);
    m.handle({ type: 'tick', at: 16 * S });
    expect(m.currentPhase).toBe('hostsync');
    m.handle({ type: 'tick', at: 16 * S + 1 });
    expect(m.nextDeadline()).toBe(21 * S + 1);
    m.handle({ type: 'tick', at: 21 * S + 1 });
    expect(m.currentPhase).toBe('shut-down');
    expect(m.nextDeadline()).toBeUndefined();
  });
});

describe('a secondary', () => {
  it('shuts down at once when it sees FSD, without waiting for anyone', () => {
    const m = new UpsmonMachine(secondaryConf(), 0);
    poll(m, 'OB', 0);
    const actions = poll(m, 'FSD OB LB', 5 * S);
    expect(notifies(actions)).toEqual(['FSD', 'LOWBATT', 'SHUTDOWN']);
    expect(kinds(actions)).not.toContain('send-fsd');
    expect(kinds(m.handle({ type: 'tick', at: 10 * S }))).toEqual(['shutdown']);
  });

  it('acts on OB LB by itself only after HOSTSYNC without FSD', () => {
    const m = new UpsmonMachine(secondaryConf(), 0);
    poll(m, 'OB', 0);
    poll(m, 'OB LB', 5 * S);
    poll(m, 'OB LB', 15 * S);
    expect(m.shuttingDown).toBe(false);
    poll(m, 'OB LB', 20.5 * S);
    expect(m.shuttingDown).toBe(true);
  });

  it('never shuts down for a UPS with power value 0 or with MINSUPPLIES 0', () => {
    const watcher = new UpsmonMachine(
      config(['MONITOR ups@h 0 u p secondary', 'MINSUPPLIES 0']),
      0,
    );
    poll(watcher, 'FSD OB LB', 0);
    expect(watcher.shuttingDown).toBe(false);
  });
});

describe('properties over random event sequences', () => {
  const statuses = [
    'OL',
    'OL CHRG',
    'OB',
    'OB DISCHRG',
    'OB LB',
    'FSD OB LB',
    'OL BOOST',
    'OB LB CAL',
  ];
  const event: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constant('poll' as const),
      status: fc.constantFrom(...statuses),
      dt: fc.integer({ min: 0, max: 20_000 }),
    }),
    fc.record({ kind: fc.constant('fail' as const), dt: fc.integer({ min: 0, max: 20_000 }) }),
    fc.record({
      kind: fc.constant('count' as const),
      count: fc.integer({ min: 0, max: 5 }),
      dt: fc.integer({ min: 0, max: 2000 }),
    }),
  );

  type Step =
    | { kind: 'poll'; status: string; dt: number }
    | { kind: 'fail'; dt: number }
    | { kind: 'count'; count: number; dt: number };

  function run(m: UpsmonMachine, events: Step[]) {
    let at = 0;
    const log: Array<{ at: number; actions: MachineAction[]; count?: number }> = [];
    for (const e of events) {
      at += e.dt;
      const actions =
        e.kind === 'poll'
          ? poll(m, e.status, at)
          : e.kind === 'fail'
            ? m.handle({ type: 'poll-failed', system: 'ups@h', reason: 'x', at })
            : m.handle({ type: 'numlogins', count: e.count, at });
      log.push({ at, actions, ...(e.kind === 'count' && { count: e.count }) });
    }
    return log;
  }

  it('a primary never shuts down while more than one system is logged in, unless HOSTSYNC expired', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const m = new UpsmonMachine(primaryConf(), 0);
        let hostSyncStart: number | undefined;
        let lastCount = Infinity;
        for (const step of run(m, events)) {
          if (step.count !== undefined && hostSyncStart !== undefined) lastCount = step.count;
          if (step.actions.some((a) => a.type === 'watch-numlogins')) hostSyncStart = step.at;
          const notified = step.actions.some((a) => a.type === 'notify' && a.notify === 'SHUTDOWN');
          if (notified && hostSyncStart !== undefined) {
            expect(lastCount <= 1 || step.at - hostSyncStart > 15 * S).toBe(true);
          }
        }
      }),
    );
  });

  it('a secondary that sees FSD always shuts down', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const m = new UpsmonMachine(secondaryConf(), 0);
        const log = run(m, events);
        const at = (log.at(-1)?.at ?? 0) + 1;
        poll(m, 'FSD OB LB', at);
        m.handle({ type: 'tick', at: at + 5 * S });
        expect(m.currentPhase).toBe('shut-down');
      }),
    );
  });

  it('nobody shuts down while every UPS is on line and communicating', () => {
    const online = fc.record({
      status: fc.constantFrom('OL', 'OL CHRG', 'OL BOOST', 'OL TRIM', 'OL RB'),
      dt: fc.integer({ min: 0, max: 60_000 }),
    });
    fc.assert(
      fc.property(fc.boolean(), fc.array(online, { maxLength: 50 }), (primary, events) => {
        const m = new UpsmonMachine(primary ? primaryConf() : secondaryConf(), 0);
        let at = 0;
        for (const e of events) poll(m, e.status, (at += e.dt));
        expect(m.shuttingDown).toBe(false);
      }),
    );
  });

  it('MINSUPPLIES: the host stays up while the healthy power values reach it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean()), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 0, max: 6 }),
        (upses, minSupplies) => {
          const total = upses.reduce((sum, [power]) => sum + power, 0);
          fc.pre(total >= minSupplies);
          const lines = upses.map(([power], i) => `MONITOR u${i}@h ${power} u p primary`);
          const m = new UpsmonMachine(config([...lines, `MINSUPPLIES ${minSupplies}`]), 0);
          upses.forEach(([, critical], i) =>
            m.handle({
              type: 'poll-ok',
              system: `u${i}@h`,
              status: critical ? 'OB LB' : 'OL',
              at: 0,
            }),
          );
          m.handle({ type: 'tick', at: 0 });
          const healthy = upses.reduce((sum, [power, critical]) => sum + (critical ? 0 : power), 0);
          expect(m.shuttingDown).toBe(healthy < minSupplies);
        },
      ),
    );
  });
});
