import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, NutError } from '@nut-ts/core';
import { NutClient } from '@nut-ts/client';
import { parseUpsmonConf, type UpsmonConf } from '@nut-ts/config';
import { waitFor } from '@nut-ts/testkit';
import { UpsmonRuntime } from './upsmon-runtime.js';
import { RecordingLogger, hostConf, startTestSite, type TestSite } from './site.test-helper.js';

/**
 * Setting the wall clock (NTP, `date -s`, a VM resumed hours later) must neither fire upsmon's
 * timers early nor hold them back: every duration runs on monotonic time. The ManualClock moves
 * the wall clock alone with jumpWall(); with durations measured on now() each test fails.
 */
const HOUR = 3_600_000;
const JUMPS = [
  ['forward', HOUR],
  ['backward', -HOUR],
] as const;

let site: TestSite | undefined;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await site?.close();
  site = undefined;
});

function startHost(conf: UpsmonConf, clock: ManualClock) {
  const logger = new RecordingLogger();
  const ran: number[] = [];
  const runtime = new UpsmonRuntime(conf, {
    logger,
    clock,
    exit: () => {},
    // These tests count the poll schedule's timer: no push-driven polls in between.
    push: false,
    requestTimeoutMs: 1000,
    runCommand: async () => {
      ran.push(clock.monotonic());
      return { code: 0, output: '' };
    },
  });
  cleanups.push(() => runtime.stop());
  runtime.start();
  return { runtime, logger, ran };
}

/** Waits until the poll in flight has answered and the next one is scheduled. */
async function settled(clock: ManualClock): Promise<void> {
  await waitFor(() => clock.pending === 1, { what: 'the next poll to be scheduled' });
}

/** One POLLFREQ (1 s): the poll timer fires exactly at 1 s of monotonic time, whatever the wall says. */
async function pollOnce(clock: ManualClock): Promise<void> {
  clock.advance(999);
  expect(clock.pending, 'poll timer still waiting at 999 ms').toBe(1);
  clock.advance(1);
  expect(clock.pending, 'poll timer fired at 1000 ms').toBe(0);
  await settled(clock);
}

async function loggedInClient(port: number): Promise<NutClient> {
  const client = new NutClient({
    host: '127.0.0.1',
    port,
    reconnect: false,
    credentials: { username: 'sec', password: 'secpass' },
  });
  await client.connect();
  cleanups.push(() => client.close());
  return client;
}

async function goStale(client: NutClient, s: TestSite): Promise<void> {
  s.store.setStale(true);
  await waitFor(
    () =>
      client.getVar('ups', 'ups.status').then(
        () => false,
        (error) => error instanceof NutError && error.code === 'DATA-STALE',
      ),
    { what: 'upsd to call the data stale' },
  );
}

describe.each(JUMPS)('a wall clock set %s by an hour', (_, jump) => {
  it('FINALDELAY still runs its full length, and no longer', () => {
    const clock = new ManualClock(1_000_000);
    const conf = { ...parseUpsmonConf('MINSUPPLIES 0\nSHUTDOWNCMD "true"'), finalDelay: 5 };
    const host = startHost(conf, clock);
    host.runtime.requestFsd();
    expect(host.runtime.state.currentPhase).toBe('final-delay');
    clock.jumpWall(jump);
    clock.advance(4_750);
    expect(host.ran).toEqual([]);
    clock.advance(250);
    expect(host.ran).toEqual([1_005_000]);
  });

  it('HOSTSYNC waits its full length for a secondary that stays, and no longer', async () => {
    site = await startTestSite();
    const secondary = await loggedInClient(site.port);
    await secondary.login('ups');
    const clock = new ManualClock(0);
    const conf = hostConf(site.port, 'primary', { hostSync: 10, finalDelay: 0 });
    const host = startHost({ ...conf, pollFreq: 1, pollFreqAlert: 1 }, clock);
    await settled(clock);
    await waitFor(async () => (await secondary.getNumLogins('ups')) === 2, { what: '2 logins' });
    host.runtime.requestFsd();
    expect(host.runtime.state.currentPhase).toBe('hostsync');
    clock.jumpWall(jump);
    clock.advance(10_000);
    expect(host.runtime.state.currentPhase).toBe('hostsync');
    // The tick falls on the moment HOSTSYNC has run out, not on the next 250 ms step.
    clock.advance(1);
    expect(host.ran).toEqual([10_001]);
    expect(host.logger.count('host sync timer expired, forcing shutdown')).toBe(1);
  });

  it('DEADTIME promotes a silent UPS on battery after DEADTIME, not before, not later', async () => {
    site = await startTestSite();
    site.store.setInfo('ups.status', 'OB DISCHRG');
    const watcher = await loggedInClient(site.port);
    const clock = new ManualClock(0);
    const conf = hostConf(site.port, 'primary', { deadTime: 5, hostSync: 60 });
    const host = startHost({ ...conf, pollFreq: 1, pollFreqAlert: 1 }, clock);
    await settled(clock);
    expect(host.runtime.state.ups.get(conf.monitors[0]!.system)?.has('OB')).toBe(true);
    await goStale(watcher, site);
    clock.jumpWall(jump);
    for (let second = 1; second <= 5; second++) {
      await pollOnce(clock);
      expect(host.runtime.state.shuttingDown, `${second} s after the last reading`).toBe(false);
    }
    clock.advance(1_000);
    await waitFor(() => host.runtime.state.shuttingDown, { what: 'the DEADTIME promotion' });
    expect(
      host.logger.count('UPS silent past DEADTIME while on battery: assuming low battery'),
    ).toBe(1);
  });

  it('NOCOMMWARNTIME repeats NOCOMM on time, and POLLFREQ keeps its pace', async () => {
    site = await startTestSite();
    const watcher = await loggedInClient(site.port);
    const clock = new ManualClock(0);
    const conf = hostConf(site.port, 'secondary', { noCommWarnTime: 10 });
    const host = startHost({ ...conf, pollFreq: 1, pollFreqAlert: 1 }, clock);
    await settled(clock);
    await goStale(watcher, site);
    await pollOnce(clock);
    expect(host.logger.notifications).toEqual(['COMMBAD']);
    clock.jumpWall(jump);
    for (let second = 1; second <= 9; second++) await pollOnce(clock);
    expect(host.logger.notifications).toEqual(['COMMBAD']);
    await pollOnce(clock);
    expect(host.logger.notifications).toEqual(['COMMBAD', 'NOCOMM']);
  });
});
