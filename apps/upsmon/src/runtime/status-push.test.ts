import { afterEach, describe, expect, it, vi } from 'vitest';
import { NutClient } from '@nut-ts/client';
import { ManualClock } from '@nut-ts/core';
import { waitFor } from '@nut-ts/testkit';
import { MonitorConnection } from './monitor-connection.js';
import { pollsFor } from './status-push.js';
import { UpsmonRuntime } from './upsmon-runtime.js';
import { RecordingLogger, hostConf, startTestSite, type TestSite } from './site.test-helper.js';

/** Far longer than any wait below: a reaction within it can only come from a push. */
const SLOW_POLL = { pollFreq: 120, pollFreqAlert: 120 };
const PUSH_ACTIVE = 'upsd pushes status changes: polling at once on those that matter';

let site: TestSite | undefined;
let runtime: UpsmonRuntime | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await runtime?.stop();
  runtime = undefined;
  await site?.close();
  site = undefined;
});

function start(push: boolean | undefined, role: 'primary' | 'secondary' = 'primary') {
  const logger = new RecordingLogger();
  const shutdown = { ran: false };
  runtime = new UpsmonRuntime(hostConf(site!.port, role, SLOW_POLL), {
    logger,
    exit: () => {},
    ...(push !== undefined && { push }),
    runCommand: async () => {
      shutdown.ran = true;
      return { code: 0, output: '' };
    },
  });
  runtime.start();
  return { logger, shutdown };
}

/** A client of the test site's upsd, signed in as `username`. */
async function connectAs(username: string, password: string): Promise<NutClient> {
  const client = new NutClient({
    host: '127.0.0.1',
    port: site!.port,
    reconnect: false,
    credentials: { username, password },
  });
  await client.connect();
  return client;
}

function ups() {
  return runtime!.state.ups.get('ups@127.0.0.1:' + site!.port)!;
}

describe('which pushed changes are polled for at once', () => {
  const status = (value: string) =>
    ({ kind: 'VAR', ups: 'ups', name: 'ups.status', value }) as const;
  it('a primary: every status change and driver state; nothing else', () => {
    expect(pollsFor('primary', status('OB LB'))).toBe(true);
    expect(pollsFor('primary', { kind: 'STATE', ups: 'ups', state: 'stale' })).toBe(true);
    expect(pollsFor('primary', { kind: 'DELVAR', ups: 'ups', name: 'ups.status' })).toBe(true);
    expect(
      pollsFor('primary', { kind: 'VAR', ups: 'ups', name: 'battery.charge', value: '9' }),
    ).toBe(false);
  });

  it('a secondary: FSD and driver state only, as it decides nothing else before its next poll', () => {
    expect(pollsFor('secondary', status('OB'))).toBe(false);
    expect(pollsFor('secondary', status('OB LB'))).toBe(false);
    expect(pollsFor('secondary', status('FSD OB LB'))).toBe(true);
    expect(pollsFor('secondary', { kind: 'STATE', ups: 'ups', state: 'disconnected' })).toBe(true);
  });
});

describe('upsmon follows the status changes our upsd pushes', () => {
  it('a primary sees OB LB at once, sets FSD and shuts down, long before its next poll', async () => {
    site = await startTestSite();
    const { logger, shutdown } = start(undefined);
    await waitFor(() => logger.count(PUSH_ACTIVE) === 1, { what: 'the push link' });
    site.store.setInfo('ups.status', 'OB LB');
    await waitFor(() => shutdown.ran, { what: 'SHUTDOWNCMD' });
    expect(logger.notifications).toEqual(expect.arrayContaining(['ONBATT', 'LOWBATT']));
  });

  it('a secondary polls at once when FSD is set', async () => {
    site = await startTestSite();
    const { logger, shutdown } = start(undefined, 'secondary');
    await waitFor(() => logger.count(PUSH_ACTIVE) === 1, { what: 'the push link' });
    const admin = await connectAs('admin', 'adminpass');
    await admin.fsd('ups');
    await admin.close();
    await waitFor(() => shutdown.ran, { what: 'SHUTDOWNCMD' });
  });

  it('a burst of changes costs a few polls, not one each', async () => {
    site = await startTestSite();
    const polls = vi.spyOn(MonitorConnection.prototype, 'poll');
    const { logger } = start(undefined);
    await waitFor(() => logger.count(PUSH_ACTIVE) === 1, { what: 'the push link' });
    const before = polls.mock.calls.length;
    for (let i = 0; i < 50; i++) site.store.setInfo('ups.status', i % 2 ? 'OL' : 'OL CHRG');
    site.store.setInfo('ups.status', 'OL TRIM');
    await waitFor(() => ups().has('TRIM'), { what: 'the last status' });
    const during = polls.mock.calls.length - before;
    expect(during).toBeGreaterThanOrEqual(1);
    expect(during).toBeLessThanOrEqual(3);
  });

  it('a primary in HOSTSYNC hears at once that the last secondary has gone, and FINALDELAY then ends on time', async () => {
    site = await startTestSite();
    // Timers move only when told: the 250 ms shutdown ticks, which count logins otherwise,
    // never fire here, so only the pushed count can end HOSTSYNC.
    const clock = new ManualClock();
    const logger = new RecordingLogger();
    runtime = new UpsmonRuntime(hostConf(site.port, 'primary', { ...SLOW_POLL, hostSync: 600 }), {
      logger,
      clock,
      exit: () => {},
      runCommand: async () => ({ code: 0, output: '' }),
    });
    runtime.start();
    const secondary = await connectAs('sec', 'secpass');
    await secondary.login('ups');
    await waitFor(() => logger.count(PUSH_ACTIVE) === 1, { what: 'the push link' });
    runtime.requestFsd();
    await waitFor(() => logger.count('waiting for secondaries to log out (HOSTSYNC)') === 1, {
      what: 'HOSTSYNC',
    });
    expect(logger.count('every secondary has logged out')).toBe(0);
    clock.advance(100);
    await secondary.close();
    await waitFor(() => logger.count('every secondary has logged out') === 1, {
      what: 'the end of HOSTSYNC',
    });
    // FINALDELAY (100 ms here) ends on time, not at the next 250 ms tick.
    expect(runtime.state.currentPhase).toBe('final-delay');
    clock.advance(99);
    expect(runtime.state.currentPhase).toBe('final-delay');
    clock.advance(1);
    expect(runtime.state.currentPhase).toBe('shut-down');
  });

  it('push: false (--no-push) opens no push connection and polls only on schedule', async () => {
    site = await startTestSite();
    const { logger } = start(false);
    await waitFor(() => ups().polled, { what: 'the first poll' });
    expect(site.upsd.clientCount).toBe(1);
    expect(logger.count(PUSH_ACTIVE)).toBe(0);
  });

  it('with push, the only extra connection is the watch, which never logs in', async () => {
    site = await startTestSite();
    const { logger } = start(undefined);
    await waitFor(() => logger.count(PUSH_ACTIVE) === 1, { what: 'the push link' });
    expect(site.upsd.clientCount).toBe(2);
    const watcher = new NutClient({ host: '127.0.0.1', port: site.port, reconnect: false });
    await watcher.connect();
    expect(await watcher.getNumLogins('ups')).toBe(1);
    await watcher.close();
  });
});
