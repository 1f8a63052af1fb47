import { existsSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { makeTempDir } from './temp.js';
import { freePort, waitFor } from './wait.js';
import { spawnProcess, type SpawnedProcess } from './process.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian installs NUT's daemons and drivers. */
export const NUT_SBIN = '/lib/nut';

/** Whether Debian's NUT 2.8.0 (nut-server and nut-client) is installed here. */
export function realNutStatus(): { available: boolean; reason: string } {
  const needed = [
    `${NUT_SBIN}/upsd`,
    `${NUT_SBIN}/dummy-ups`,
    `${NUT_SBIN}/upsmon`,
    '/usr/bin/upsc',
  ];
  const missing = needed.filter((path) => !existsSync(path));
  if (missing.length === 0) return { available: true, reason: '' };
  return {
    available: false,
    reason: `Debian's NUT is not installed (missing ${missing.join(', ')}); apt-get install nut-server nut-client python3-nut socat libnss3-tools`,
  };
}

/**
 * `describe` for tests that need real NUT. Without NUT they are skipped with the reason printed;
 * with NUT_INTEROP=required a missing NUT is a failing test instead.
 */
export function describeInterop(name: string, body: () => void): void {
  const status = realNutStatus();
  if (status.available) {
    describe(name, body);
  } else if (process.env.NUT_INTEROP === 'required') {
    describe(name, () => {
      it('needs real NUT (NUT_INTEROP=required)', () => {
        throw new Error(status.reason);
      });
    });
  } else {
    console.warn(`[interop skipped] ${name}: ${status.reason}`);
    describe.skip(`${name} [skipped: ${status.reason}]`, body);
  }
}

/** The default `.dev` data, as in the reference recipe. */
export const DEFAULT_DEV = `device.mfr: Dummy Manufacturer
device.model: Dummy UPS
device.type: ups
ups.mfr: Dummy Manufacturer
ups.model: Dummy UPS
ups.status: OL
battery.charge: 100
battery.runtime: 3600
battery.charge.low: 20
input.voltage: 230.0
output.voltage: 230.0
ups.load: 25
ups.delay.shutdown: 20
ups.delay.start: 30
`;

/** Users every interop test can rely on (passwords are test-only). */
export const DEFAULT_USERS = `[admin]
  password = adminpass
  actions = SET FSD
  instcmds = ALL

[upsmon_primary]
  password = pripass
  upsmon primary

[upsmon_secondary]
  password = secpass
  upsmon secondary

[ro]
  password = ropass
`;

export interface NutSiteOptions {
  /** UPS sections: name -> { port file name, its content, desc }. Default one `dummy` UPS. */
  ups?: Record<string, { file: string; content: string; desc?: string; extra?: string }>;
  users?: string;
  /** Extra upsd.conf lines. */
  upsdConf?: string;
  /** Start Debian's dummy-ups for each UPS (default true). */
  startDrivers?: boolean;
  /** Start Debian's upsd (default true). */
  startUpsd?: boolean;
}

/** A temp NUT configuration (etc/ and state/) with Debian's programs started on it. */
export interface NutSite {
  dir: string;
  confPath: string;
  statePath: string;
  port: number;
  env: NodeJS.ProcessEnv;
  upsd: SpawnedProcess | undefined;
  drivers: Map<string, SpawnedProcess>;
  /** Starts Debian's dummy-ups for `ups` and waits for its socket. */
  startDriver(ups: string): Promise<SpawnedProcess>;
  /** Starts Debian's upsd on `port` and waits until it listens. */
  startUpsd(): Promise<SpawnedProcess>;
  /** Waits until `upsc ups@127.0.0.1:port ups.status` prints a real status (not WAIT). */
  waitForStatus(ups?: string, timeoutMs?: number): Promise<string>;
  /** Runs a NUT client program (`upsc`...) against this site; returns stdout, stderr, code. */
  client(
    program: string,
    args: string[],
  ): Promise<{ stdout: string; stderr: string; code: number }>;
  stop(): Promise<void>;
}

/** Writes a NUT configuration into a temp dir and starts Debian's dummy-ups and upsd on it. */
export async function startNutSite(options: NutSiteOptions = {}): Promise<NutSite> {
  const temp = makeTempDir('nut-peer-');
  const confPath = join(temp.path, 'etc');
  const statePath = join(temp.path, 'state');
  mkdirSync(confPath);
  mkdirSync(statePath, { mode: 0o770 });
  const port = await freePort();
  const ups = options.ups ?? {
    dummy: { file: 'dummy.dev', content: DEFAULT_DEV, desc: 'Dummy UPS for tests' },
  };
  let upsConf = 'maxretry = 3\nretrydelay = 1\npollinterval = 1\n';
  for (const [name, spec] of Object.entries(ups)) {
    writeFileSync(join(confPath, spec.file), spec.content);
    upsConf += `\n[${name}]\n  driver = dummy-ups\n  port = ${spec.file}\n`;
    if (spec.desc) upsConf += `  desc = "${spec.desc}"\n`;
    if (spec.extra) upsConf += spec.extra;
  }
  writeFileSync(join(confPath, 'ups.conf'), upsConf);
  writeFileSync(
    join(confPath, 'upsd.conf'),
    `LISTEN 127.0.0.1 ${port}\nMAXAGE 15\nSTATEPATH ${statePath}\n${options.upsdConf ?? ''}`,
  );
  writeFileSync(join(confPath, 'upsd.users'), options.users ?? DEFAULT_USERS);
  chmodSync(join(confPath, 'upsd.users'), 0o640);
  const env = { ...process.env, NUT_CONFPATH: confPath, NUT_STATEPATH: statePath };
  const asRoot = process.getuid?.() === 0;
  const drivers = new Map<string, SpawnedProcess>();

  const site: NutSite = {
    dir: temp.path,
    confPath,
    statePath,
    port,
    env,
    upsd: undefined,
    drivers,
    async startDriver(name) {
      const args = ['-a', name, '-F', ...(asRoot ? ['-u', 'root'] : [])];
      const proc = spawnProcess(`dummy-ups ${name}`, `${NUT_SBIN}/dummy-ups`, args, { env });
      drivers.set(name, proc);
      await waitFor(() => existsSync(join(statePath, `dummy-ups-${name}`)), {
        what: `dummy-ups socket for ${name}`,
      }).catch((error: Error) => {
        throw new Error(`${error.message}\n${proc.output()}`);
      });
      return proc;
    },
    async startUpsd() {
      const args = ['-F', ...(asRoot ? ['-u', 'root'] : [])];
      const proc = spawnProcess('upsd', `${NUT_SBIN}/upsd`, args, { env });
      site.upsd = proc;
      await proc.waitForOutput(/listening on 127\.0\.0\.1 port/);
      return proc;
    },
    async waitForStatus(name = Object.keys(ups)[0]!, timeoutMs = 15_000) {
      return waitFor(
        async () => {
          const { stdout, code } = await site.client('upsc', [
            `${name}@127.0.0.1:${port}`,
            'ups.status',
          ]);
          const value = stdout.trim();
          return code === 0 && value && value !== 'WAIT' ? value : undefined;
        },
        { timeoutMs, intervalMs: 200, what: `real upsd to serve ${name}` },
      );
    },
    async client(program, args) {
      try {
        const { stdout, stderr } = await run(program, args, { env, timeout: 20_000 });
        return { stdout, stderr, code: 0 };
      } catch (error) {
        const failure = error as { stdout?: string; stderr?: string; code?: number };
        return {
          stdout: failure.stdout ?? '',
          stderr: failure.stderr ?? '',
          code: failure.code ?? 1,
        };
      }
    },
    async stop() {
      await Promise.all([site.upsd?.stop(), ...[...drivers.values()].map((d) => d.stop())]);
      temp.remove();
    },
  };
  try {
    if (options.startDrivers ?? true)
      for (const name of Object.keys(ups)) await site.startDriver(name);
    if (options.startUpsd ?? true) await site.startUpsd();
  } catch (error) {
    await site.stop();
    throw error;
  }
  return site;
}
