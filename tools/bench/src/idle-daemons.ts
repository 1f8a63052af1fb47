import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { findBin } from '@nut-ts/sim';
import {
  DEFAULT_DEV,
  NUT_SBIN,
  makeTempDir,
  spawnProcess,
  waitFor,
  type SpawnedProcess,
} from '@nut-ts/testkit';
import { cpuPercent, rssKb } from './process-stats.js';

export interface IdleUse {
  rssMb: number;
  /** Percent of one core. */
  cpuPercent: number;
}

const NOTHING: IdleUse = { rssMb: NaN, cpuPercent: NaN };

/** How often the idle drivers poll (`pollinterval`) and the idle upsmon polls (POLLFREQ), s. */
export const IDLE_POLL_S = { driver: 2, upsmon: 5 } as const;

const asRoot = process.getuid?.() === 0;

/** `pid` and its direct children (NUT's upsmon forks one), for RSS sums. */
function family(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return [pid, ...children];
  } catch {
    return [pid];
  }
}

/** RSS and CPU of an idle process (and its children), over `windowMs` after `settleMs`. */
export async function idleUse(pid: number, settleMs: number, windowMs: number): Promise<IdleUse> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const pids = family(pid);
  const cpu = await Promise.all(pids.map((p) => cpuPercent(p, windowMs).catch(() => 0)));
  const rss = pids.map(rssKb).reduce((a, b) => a + b, 0);
  return { rssMb: rss / 1024, cpuPercent: cpu.reduce((a, b) => a + b, 0) };
}

/** A temp NUT configuration directory with etc/ and state/. */
function scratch(prefix: string) {
  const temp = makeTempDir(prefix);
  const etc = join(temp.path, 'etc');
  const state = join(temp.path, 'state');
  mkdirSync(etc);
  mkdirSync(state, { mode: 0o770 });
  return { temp, etc, state, env: { ...process.env, NUT_CONFPATH: etc, NUT_STATEPATH: state } };
}

async function measureDriver(
  program: string,
  driverName: string,
  setup: (dir: string) => Promise<{ section: string; teardown: () => Promise<unknown> }>,
  window: { settleMs: number; windowMs: number },
): Promise<IdleUse> {
  const { temp, etc, state, env } = scratch('nut-bench-drv-');
  const { section, teardown } = await setup(temp.path);
  writeFileSync(
    join(etc, 'ups.conf'),
    `pollinterval = ${IDLE_POLL_S.driver}\n[idle]\n  driver = ${driverName}\n${section}`,
  );
  const args = [
    '-a',
    'idle',
    '-F',
    ...(asRoot && program.startsWith(NUT_SBIN) ? ['-u', 'root'] : []),
  ];
  const proc = spawnProcess(driverName, program, args, { env });
  try {
    await waitFor(() => existsSync(join(state, `${driverName}-idle`)), {
      what: `${driverName} socket`,
      timeoutMs: 20_000,
    });
    return await idleUse(proc.child.pid!, window.settleMs, window.windowMs);
  } catch (error) {
    console.error(`bench: ${program}: ${(error as Error).message}\n${proc.output().slice(-2000)}`);
    return NOTHING;
  } finally {
    await proc.stop();
    await teardown();
    temp.remove();
  }
}

/** dummy-ups (ours or NUT's) on a .dev file, idle. */
export function idleDummyUps(nut: boolean, window: { settleMs: number; windowMs: number }) {
  return measureDriver(
    nut ? `${NUT_SBIN}/dummy-ups` : findBin('dummy-ups'),
    'dummy-ups',
    async (dir) => {
      writeFileSync(join(dir, 'etc', 'idle.dev'), DEFAULT_DEV);
      return { section: '  port = idle.dev\n', teardown: async () => {} };
    },
    window,
  );
}

/**
 * nutdrv_qx polling our Megatec simulator every 2 s: ours over TCP, NUT's over a pty pair
 * (socat), since NUT's driver only opens serial devices.
 */
export function idleNutdrvQx(nut: boolean, window: { settleMs: number; windowMs: number }) {
  return measureDriver(
    nut ? `${NUT_SBIN}/nutdrv_qx` : findBin('nutdrv_qx'),
    'nutdrv_qx',
    async (dir) => {
      const started: SpawnedProcess[] = [];
      let port: string;
      if (nut) {
        const [a, b] = [join(dir, 'ttyA'), join(dir, 'ttyB')];
        started.push(
          spawnProcess('socat', 'socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`]),
        );
        await waitFor(() => existsSync(a) && existsSync(b), { what: 'pty pair' });
        started.push(spawnProcess('megatec-sim', findBin('megatec-sim'), ['--pty', b]));
        await started[1]!.waitForOutput(/serving/);
        port = a;
      } else {
        const sim = spawnProcess('megatec-sim', findBin('megatec-sim'), ['--tcp', '0']);
        started.push(sim);
        const [, p] = await sim.waitForOutput(/listening on 127\.0\.0\.1:(\d+)/);
        port = `tcp://127.0.0.1:${p}`;
      }
      return {
        section: `  protocol = megatec\n  port = ${port}\n`,
        teardown: () => Promise.all(started.map((p) => p.stop())),
      };
    },
    window,
  );
}

/** upsmon (ours or NUT's) monitoring `ups@127.0.0.1:port` as a secondary, idle. */
export async function idleUpsmon(
  nut: boolean,
  port: number,
  ups: string,
  window: { settleMs: number; windowMs: number },
): Promise<IdleUse> {
  const { temp, etc, env } = scratch('nut-bench-mon-');
  const conf = join(etc, 'upsmon.conf');
  writeFileSync(
    conf,
    [
      ...(nut && asRoot ? ['RUN_AS_USER root'] : []),
      `MONITOR ${ups}@127.0.0.1:${port} 1 upsmon_secondary secpass secondary`,
      'SHUTDOWNCMD "/bin/true"',
      `POLLFREQ ${IDLE_POLL_S.upsmon}`,
      '',
    ].join('\n'),
  );
  chmodSync(conf, 0o600);
  const proc = nut
    ? spawnProcess('NUT upsmon', `${NUT_SBIN}/upsmon`, ['-F', '-P', '1'], { env, detached: true })
    : spawnProcess('upsmon', findBin('upsmon'), ['-F'], { env });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (proc.child.exitCode !== null) throw new Error(`exited: ${proc.output().slice(-2000)}`);
    return await idleUse(proc.child.pid!, window.settleMs, window.windowMs);
  } catch (error) {
    console.error(`bench: upsmon: ${(error as Error).message}`);
    return NOTHING;
  } finally {
    if (nut) {
      try {
        process.kill(-proc.child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await proc.stop();
    temp.remove();
  }
}
