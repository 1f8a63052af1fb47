import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createUpsd, loadUpsdConfig, type Upsd } from '@nut-ts/upsd';
import {
  DEFAULT_DEV,
  NUT_SBIN,
  describeInterop,
  spawnProcess,
  startNutSite,
  waitFor,
  type NutSite,
  type SpawnedProcess,
} from '@nut-ts/testkit';

const OUR_UPSMON = fileURLToPath(new URL('../bin/upsmon.mjs', import.meta.url));

/** One host's upsmon.conf; SHUTDOWNCMD only appends a timestamped marker (never a real shutdown). */
function writeHost(
  site: NutSite,
  name: string,
  role: 'primary' | 'secondary',
  port = site.port,
): string {
  const dir = join(site.dir, 'hosts', name);
  mkdirSync(dir, { recursive: true });
  const user = role === 'primary' ? 'upsmon_primary pripass' : 'upsmon_secondary secpass';
  const markers = join(site.dir, 'markers.log');
  const script = join(dir, 'shutdown.sh');
  writeFileSync(script, `#!/bin/sh\necho "$(date +%s%3N) ${name}" >> "${markers}"\n`, {
    mode: 0o755,
  });
  const conf = join(dir, 'upsmon.conf');
  writeFileSync(
    conf,
    [
      'RUN_AS_USER root',
      `MONITOR dummy@127.0.0.1:${port} 1 ${user} ${role}`,
      'MINSUPPLIES 1',
      `SHUTDOWNCMD "${script}"`,
      'POLLFREQ 1',
      'POLLFREQALERT 1',
      'HOSTSYNC 10',
      'DEADTIME 5',
      'FINALDELAY 1',
      `POWERDOWNFLAG ${join(dir, 'killpower')}`,
      '',
    ].join('\n'),
  );
  chmodSync(conf, 0o600);
  return dir;
}

function startUpsmon(
  site: NutSite,
  name: string,
  role: 'primary' | 'secondary',
  ours: boolean,
): SpawnedProcess {
  const dir = writeHost(site, name, role);
  const env = { ...site.env, NUT_CONFPATH: dir, NUT_STATEPATH: dir, NUT_ALTPIDPATH: dir };
  // Debian's upsmon is two processes; setsid + timeout lets SIGTERM reach both (-P 1 skips its PID check).
  return ours
    ? spawnProcess(`our upsmon ${name}`, process.execPath, [OUR_UPSMON, '-F'], { env })
    : spawnProcess(
        `Debian upsmon ${name}`,
        'setsid',
        ['timeout', '60', `${NUT_SBIN}/upsmon`, '-F', '-P', '1'],
        { env },
      );
}

function markers(site: NutSite): Map<string, number> {
  let text = '';
  try {
    text = readFileSync(join(site.dir, 'markers.log'), 'utf8');
  } catch {
    // nobody shut down yet
  }
  return new Map(
    text
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [at, name] = line.split(' ') as [string, string];
        return [name, Number(at)];
      }),
  );
}

async function powerCut(site: NutSite, hosts: SpawnedProcess[]): Promise<void> {
  const count = async () =>
    Number(
      (await site.client('upsc', [`dummy@127.0.0.1:${site.port}`, 'ups.status'])).code === 0
        ? hosts.length
        : 0,
    );
  await waitFor(async () => (await count()) > 0, { what: 'upsd ready' });
  // every host has logged in
  await waitFor(
    async () => {
      const { stdout } = await site.client('upsc', ['-c', `dummy@127.0.0.1:${site.port}`]);
      return stdout.trim().split('\n').filter(Boolean).length === hosts.length;
    },
    { what: 'all hosts logged in', timeoutMs: 20_000 },
  );
  const dev = join(site.confPath, 'dummy.dev');
  writeFileSync(dev, DEFAULT_DEV.replace('ups.status: OL', 'ups.status: OB'));
  await new Promise((resolve) => setTimeout(resolve, 2500));
  writeFileSync(dev, DEFAULT_DEV.replace('ups.status: OL', 'ups.status: OB LB'));
  await Promise.all(hosts.map((h) => h.exited));
}

let site: NutSite | undefined;
let ourUpsd: Upsd | undefined;
const hosts: SpawnedProcess[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
  await ourUpsd?.close();
  ourUpsd = undefined;
  await site?.stop();
  site = undefined;
});

/** Runs a power cut with one primary and two secondaries and checks the order of SHUTDOWNCMD. */
async function shutdownInOrder(
  oursPrimary: boolean,
  oursSecondaries: boolean,
): Promise<Map<string, number>> {
  hosts.push(
    startUpsmon(site!, 'primary', 'primary', oursPrimary),
    startUpsmon(site!, 'sec1', 'secondary', oursSecondaries),
    startUpsmon(site!, 'sec2', 'secondary', oursSecondaries),
  );
  await powerCut(site!, hosts);
  const at = markers(site!);
  expect([...at.keys()].sort()).toEqual(['primary', 'sec1', 'sec2']);
  const lastSecondary = Math.max(at.get('sec1')!, at.get('sec2')!);
  expect(at.get('primary')!).toBeGreaterThan(lastSecondary);
  // Well before HOSTSYNC (10 s) would have forced it.
  expect(at.get('primary')! - lastSecondary).toBeLessThan(5000);
  return at;
}

describeInterop('upsmon mixed with Debian NUT 2.8.0 upsmon', () => {
  it('our primary waits for Debian secondaries on Debian upsd, then shuts down last', async () => {
    site = await startNutSite();
    await site.waitForStatus();
    await shutdownInOrder(true, false);
    expect(readFileSync(join(site.dir, 'hosts', 'primary', 'killpower'), 'utf8').trim()).toBe(
      'upsmon-shutdown-file',
    );
  }, 60_000);

  it("Debian's primary waits for our secondaries on Debian upsd, then shuts down last", async () => {
    site = await startNutSite();
    await site.waitForStatus();
    await shutdownInOrder(false, true);
  }, 60_000);

  it("Debian's upsmon primary and secondaries shut down in order on our upsd", async () => {
    site = await startNutSite({ startUpsd: false });
    const config = loadUpsdConfig(site.env, () => {});
    ourUpsd = createUpsd(
      { ...config, upsd: { ...config.upsd, listen: [{ address: '127.0.0.1', port: site.port }] } },
      { driverRetryMs: 200 },
    );
    await ourUpsd.listen();
    await site.waitForStatus();
    await shutdownInOrder(false, false);
  }, 60_000);
});
