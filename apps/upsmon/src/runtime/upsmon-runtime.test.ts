import { createServer, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { NutClient } from '@nut-ts/client';
import { parseUpsmonConf, type UpsmonConf } from '@nut-ts/config';
import { describeInterop, makeTempDir, startNutSite, waitFor, type NutSite } from '@nut-ts/testkit';
import { UpsmonRuntime } from './upsmon-runtime.js';
import { RecordingLogger, hostConf, startTestSite, type TestSite } from './site.test-helper.js';

interface Host {
  name: string;
  runtime: UpsmonRuntime;
  logger: RecordingLogger;
  /** When SHUTDOWNCMD ran (ms), if it did. */
  ranAt?: number;
  exited: Promise<number>;
}

let site: TestSite | undefined;
let nutSite: NutSite | undefined;
const hosts: Host[] = [];
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.runtime.stop()));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await site?.close();
  site = undefined;
  await nutSite?.stop();
  nutSite = undefined;
});

function startHost(name: string, conf: UpsmonConf, options: { requestTimeoutMs?: number } = {}) {
  const logger = new RecordingLogger();
  let exit!: (code: number) => void;
  const host: Host = {
    name,
    logger,
    exited: new Promise((resolve) => (exit = resolve)),
    runtime: undefined as unknown as UpsmonRuntime,
  };
  host.runtime = new UpsmonRuntime(conf, {
    logger,
    exit,
    requestTimeoutMs: options.requestTimeoutMs ?? 1000,
    runCommand: async (command) => {
      host.ranAt = Date.now();
      return { code: 0, output: `ran ${command}` };
    },
  });
  hosts.push(host);
  host.runtime.start();
  return host;
}

async function client(port: number): Promise<NutClient> {
  const c = new NutClient({ host: '127.0.0.1', port, reconnect: false });
  await c.connect();
  cleanups.push(() => c.close());
  return c;
}

async function numLogins(c: NutClient): Promise<number> {
  return c.getNumLogins('ups');
}

describe('upsmon runtime against our upsd', () => {
  it('primary and secondaries: FSD, secondaries leave, then the primary shuts down', async () => {
    site = await startTestSite();
    const watcher = await client(site.port);
    const temp = makeTempDir('nut-upsmon-flag-');
    cleanups.push(() => temp.remove());
    const flag = join(temp.path, 'killpower');
    const primary = startHost(
      'primary',
      hostConf(site.port, 'primary', { powerDownFlag: flag, hostSync: 5 }),
    );
    const secondaries = [1, 2].map((n) => startHost(`sec${n}`, hostConf(site!.port, 'secondary')));
    await waitFor(async () => (await numLogins(watcher)) === 3, { what: 'three logins' });

    site.store.setInfo('ups.status', 'OB DISCHRG');
    await waitFor(() => primary.logger.notifications.includes('ONBATT'), { what: 'ONBATT' });
    const cut = Date.now();
    site.store.setInfo('ups.status', 'OB LB');
    await Promise.all(secondaries.map((s) => s.exited));
    expect(await primary.exited).toBe(0);

    const lastSecondary = Math.max(...secondaries.map((s) => s.ranAt!));
    expect(primary.ranAt!).toBeGreaterThan(lastSecondary);
    expect(primary.ranAt! - cut).toBeLessThan(3000); // well inside HOSTSYNC (5 s)
    expect(await watcher.getVar('ups', 'ups.status')).toBe('FSD OB LB');
    expect(readFileSync(flag, 'utf8')).toBe('upsmon-shutdown-file\n');
    expect(primary.logger.notifications).toEqual(
      expect.arrayContaining(['ONBATT', 'LOWBATT', 'SHUTDOWN']),
    );
    for (const s of secondaries) {
      expect(s.logger.notifications).toEqual(expect.arrayContaining(['FSD', 'LOWBATT']));
      expect(s.logger.notifications.at(-1)).toBe('SHUTDOWN');
    }
    const finished = primary.logger.entries.find((e) => e.msg === 'SHUTDOWNCMD finished');
    expect(finished?.obj).toMatchObject({ code: 0, output: 'ran true' });
    await waitFor(async () => (await numLogins(watcher)) === 0, { what: 'primary gone' });
  });

  it('a secondary that stays (SHUTDOWNEXIT no) keeps its login; the primary waits out HOSTSYNC', async () => {
    site = await startTestSite();
    const watcher = await client(site.port);
    const primary = startHost('primary', hostConf(site.port, 'primary', { hostSync: 1.5 }));
    const stubborn = startHost(
      'stubborn',
      hostConf(site.port, 'secondary', { shutdownExit: false }),
    );
    await waitFor(async () => (await numLogins(watcher)) === 2, { what: 'two logins' });
    site.store.setInfo('ups.status', 'OB LB');
    await waitFor(() => stubborn.ranAt !== undefined, { what: 'secondary SHUTDOWNCMD' });
    expect(await primary.exited).toBe(0);
    expect(primary.logger.notifications).toContain('SHUTDOWN_HOSTSYNC');
    expect(primary.logger.count('host sync timer expired, forcing shutdown')).toBe(1);
    expect(primary.ranAt! - stubborn.ranAt!).toBeGreaterThan(1000);
    expect(await numLogins(watcher)).toBe(1); // the secondary is still logged in
  });

  it('reports NOCOMM when LOGIN is refused (NUT #3403) and keeps polling', async () => {
    site = await startTestSite();
    const conf = hostConf(site.port, 'secondary');
    conf.monitors = conf.monitors.map((m) => ({ ...m, username: 'admin', password: 'adminpass' }));
    const host = startHost('refused', conf);
    await waitFor(() => host.logger.notifications.includes('NOCOMM'), { what: 'NOCOMM' });
    expect(host.logger.entries.some((e) => e.msg === 'LOGIN refused: ACCESS-DENIED')).toBe(true);
    site.store.setInfo('ups.status', 'OB');
    await waitFor(() => host.logger.notifications.includes('ONBATT'), { what: 'still polled' });
  });

  it('upsmon -c fsd on a primary sets FSD on its UPS and shuts down', async () => {
    site = await startTestSite();
    const watcher = await client(site.port);
    const host = startHost('primary', hostConf(site.port, 'primary'));
    await waitFor(async () => (await numLogins(watcher)) === 1, { what: 'login' });
    host.runtime.requestFsd();
    expect(await host.exited).toBe(0);
    expect(await watcher.getVar('ups', 'ups.status')).toBe('FSD OL');
  });

  it('a reload keeps the session of an unchanged MONITOR line (the count never dips)', async () => {
    site = await startTestSite();
    const watcher = await client(site.port);
    const conf = hostConf(site.port, 'secondary');
    const host = startHost('sec', conf);
    await waitFor(async () => (await numLogins(watcher)) === 1, { what: 'login' });
    host.runtime.reload({ ...conf, pollFreq: 0.05 });
    for (let i = 0; i < 5; i++) expect(await numLogins(watcher)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a few polls after the reload
    expect(host.logger.count('logged in')).toBe(1);
    expect(host.runtime.state.ups.get(conf.monitors[0]!.system)?.commOk).toBe(true);
  });

  it("logs 'logged in' with the UPS named once (pino writes a repeated key twice)", async () => {
    site = await startTestSite();
    const lines: string[] = [];
    const conf = hostConf(site.port, 'secondary');
    const runtime = new UpsmonRuntime(conf, {
      logger: pino({ base: undefined }, { write: (line: string) => lines.push(line) }),
      exit: () => {},
    });
    cleanups.push(() => runtime.stop());
    runtime.start();
    const loggedIn = await waitFor(() => lines.find((line) => line.includes('"logged in"')), {
      what: 'login',
    });
    expect(loggedIn.match(/"ups":/g)).toHaveLength(1);
    expect(JSON.parse(loggedIn)).toMatchObject({ ups: conf.monitors[0]!.system });
  });

  it('--dry-run decides, sends no FSD, runs nothing, and stays logged in', async () => {
    site = await startTestSite();
    const watcher = await client(site.port);
    const logger = new RecordingLogger();
    let exited = false;
    const runtime = new UpsmonRuntime(hostConf(site.port, 'primary', { hostSync: 0.5 }), {
      logger,
      dryRun: true,
      exit: () => (exited = true),
      runCommand: () => {
        throw new Error('dry run ran a command');
      },
    });
    hosts.push({ name: 'dry', runtime, logger, exited: Promise.resolve(0) });
    runtime.start();
    site.store.setInfo('ups.status', 'OB LB');
    await waitFor(() => logger.count('would write POWERDOWNFLAG and run SHUTDOWNCMD') === 1, {
      what: 'dry-run shutdown decision',
    });
    expect(logger.count('would send FSD')).toBe(1);
    expect(await watcher.getVar('ups', 'ups.status')).toBe('OB LB');
    expect(await numLogins(watcher)).toBe(1);
    expect(exited).toBe(false);
  });
});

describe('upsmon runtime with a hung server', () => {
  it('decides on the healthy UPS at once and leaves HOSTSYNC on time, whatever the hung one does', async () => {
    site = await startTestSite();
    const hung: Server = createServer((socket: Socket) => {
      socket.on('data', () => {}); // read everything, answer nothing
      cleanups.push(() => socket.destroy());
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => hung.close(resolve)));
    const hungPort = (hung.address() as { port: number }).port;
    const conf = {
      ...parseUpsmonConf(
        [
          `MONITOR ups@127.0.0.1:${site.port} 1 mon monpass primary`,
          `MONITOR ups@127.0.0.1:${hungPort} 1 mon monpass primary`,
          'MINSUPPLIES 2', // a silent UPS last seen on line still counts as healthy
          'SHUTDOWNCMD "true"',
        ].join('\n'),
      ),
      pollFreq: 0.1,
      pollFreqAlert: 0.1,
      hostSync: 1,
      finalDelay: 0.1,
    };
    // A secondary that never leaves keeps the real count at 2, so only HOSTSYNC can end the wait.
    const stays = new NutClient({
      host: '127.0.0.1',
      port: site.port,
      reconnect: false,
      credentials: { username: 'sec', password: 'secpass' },
      login: 'ups',
    });
    await stays.connect();
    cleanups.push(() => stays.close());
    const host = startHost('primary', conf, { requestTimeoutMs: 4000 });
    await waitFor(() => host.logger.count('logged in') === 1, { what: 'login to the real upsd' });
    const cut = Date.now();
    site.store.setInfo('ups.status', 'OB LB');
    expect(await host.exited).toBe(0);
    // Each request to the hung server takes 4 s to time out; the shutdown must not wait for it.
    expect(host.ranAt! - cut).toBeLessThan(3500);
    expect(host.logger.count('host sync timer expired, forcing shutdown')).toBe(1);
  }, 15_000);
});

describeInterop("upsmon runtime against Debian's upsd", () => {
  it('logs in again after upsd restarts, with COMMBAD then COMMOK', async () => {
    nutSite = await startNutSite();
    await nutSite.waitForStatus();
    const { port } = nutSite;
    const conf = {
      ...hostConf(port, 'primary'),
      monitors: parseUpsmonConf(`MONITOR dummy@127.0.0.1:${port} 1 upsmon_primary pripass primary`)
        .monitors,
    };
    const host = startHost('primary', conf);
    const clients = async () =>
      (await nutSite!.client('upsc', ['-c', `dummy@127.0.0.1:${port}`])).stdout.trim();
    await waitFor(async () => (await clients()) === '127.0.0.1', { what: 'first login' });
    // Debian's upsd has no NUTTS-WATCH: upsmon finds out once and polls, as NUT's upsmon does.
    const polling = 'server does not push changes (no NUTTS-WATCH): polling only';
    await waitFor(() => host.logger.count(polling) === 1, { what: 'no push from NUT' });
    await nutSite.upsd!.stop();
    await waitFor(() => host.logger.notifications.includes('COMMBAD'), { what: 'COMMBAD' });
    await nutSite.startUpsd();
    await waitFor(() => host.logger.notifications.includes('COMMOK'), {
      what: 'COMMOK',
      timeoutMs: 15_000,
    });
    await waitFor(async () => (await clients()) === '127.0.0.1', { what: 'login on new upsd' });
    expect(host.logger.count('logged in')).toBe(2);
    expect(host.logger.notifications).toEqual(['COMMBAD', 'COMMOK']);
    expect(host.runtime.state.shuttingDown).toBe(false);
    expect(host.logger.count(polling)).toBe(1);
  }, 30_000);
});
