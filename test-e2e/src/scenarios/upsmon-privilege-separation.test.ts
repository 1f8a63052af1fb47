import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupUser } from '@nut-ts/core';
import { findBin } from '@nut-ts/sim';
import {
  freePort,
  makeTempDir,
  spawnProcess,
  stopAll,
  waitFor,
  type SpawnedProcess,
} from '@nut-ts/testkit';

/**
 * upsmon started as root splits as NUT's does: the monitor (network, parsing, decisions) drops
 * to RUN_AS_USER / -u, while a root parent waits for the one request it accepts and then runs
 * SHUTDOWNCMD. Proven from the outside through /proc/<pid>/status.
 */
const root = process.getuid?.() === 0;
if (!root)
  console.warn('[upsmon privilege separation skipped] upsmon only splits when run as root');
const suite = root ? describe : describe.skip;

function credentials(pid: number): { uid: number; gid: number; groups: string } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]),
    gid: Number(/^Gid:\s+(\d+)/m.exec(status)?.[1]),
    groups: /^Groups:\s*(.*)$/m.exec(status)?.[1]?.trim() ?? '',
  };
}

/** The PIDs whose parent is `pid`, from /proc/<n>/stat. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A process's command line, its arguments joined by spaces. */
function commandLine(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
}

/** The `/bin/sh -s` helper that starts NOTIFYCMD and wall for upsmon (docs/upsmon.md). */
const NOTIFY_HELPER = '/bin/sh -s';

/**
 * `pid`'s children once it has some (upsmon starts its helper after the first poll) and each
 * runs its own program: a child caught between fork and exec still shows `pid`'s command line.
 */
function helperOf(pid: number): number[] | undefined {
  const children = childrenOf(pid);
  const own = commandLine(pid);
  return children.length > 0 && children.every((child) => commandLine(child) !== own)
    ? children
    : undefined;
}

suite('upsmon started as root with -u nobody', () => {
  let temp: { path: string; remove(): void };
  let port: number;
  const orphans: number[] = [];
  const nobody = lookupUser('nobody');

  beforeEach(async () => {
    temp = makeTempDir('nut-privsep-');
    port = await freePort();
    writeFileSync(join(temp.path, 'ups.conf'), '[ups]\n  driver = dummy-ups\n  port = ups.dev\n');
    writeFileSync(join(temp.path, 'ups.dev'), 'ups.status: OL\n');
    writeFileSync(join(temp.path, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
    writeFileSync(join(temp.path, 'upsd.users'), '[mon]\n  password = pw\n  upsmon primary\n');
    const env = { ...process.env, NUT_CONFPATH: temp.path, NUT_STATEPATH: temp.path };
    const driver = spawnProcess('dummy-ups', findBin('dummy-ups'), ['-a', 'ups'], { env });
    await driver.waitForOutput(/./);
    const upsd = spawnProcess('upsd', findBin('upsd'), [], { env });
    await upsd.waitForOutput(/upsd started/);
  });

  afterEach(async () => {
    await stopAll();
    for (const pid of orphans.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    temp.remove();
  });

  /** Starts upsmon for a primary host with its own conf and state dir; returns it and that dir. */
  function startUpsmon(args: string[], extra = ''): { upsmon: SpawnedProcess; dir: string } {
    const dir = join(temp.path, `host-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'upsmon.conf'),
      [
        `MONITOR ups@127.0.0.1:${port} 1 mon pw primary`,
        `SHUTDOWNCMD "id -u > ${dir}/shutdown-uid; id -g >> ${dir}/shutdown-uid"`,
        `POWERDOWNFLAG ${dir}/killpower`,
        'POLLFREQ 1',
        'POLLFREQALERT 1',
        'HOSTSYNC 2',
        'FINALDELAY 0',
        extra,
      ].join('\n'),
      { mode: 0o600 },
    );
    const env = { ...process.env, NUT_CONFPATH: dir, NUT_STATEPATH: dir };
    const upsmon = spawnProcess('upsmon', findBin('upsmon'), ['-F', ...args], { env });
    return { upsmon, dir };
  }

  async function splitStarted(upsmon: SpawnedProcess): Promise<number> {
    const match = await upsmon.waitForOutput(/the monitoring child \(PID (\d+)\) runs as nobody/);
    const child = Number(match[1]);
    orphans.push(child);
    await upsmon.waitForOutput(/logged in/);
    return child;
  }

  it('monitors as nobody; a power cut still runs SHUTDOWNCMD and writes POWERDOWNFLAG as root', async () => {
    expect(nobody, 'a nobody user').toBeDefined();
    const { upsmon, dir } = startUpsmon(['-u', 'nobody']);
    const child = await splitStarted(upsmon);
    const parent = upsmon.child.pid!;
    expect(childrenOf(parent)).toEqual([child]);
    expect(credentials(parent).uid).toBe(0);
    expect(credentials(child)).toEqual({
      uid: nobody!.uid,
      gid: nobody!.gid,
      groups: String(nobody!.gid),
    });
    expect(readFileSync(`/proc/${child}/status`, 'utf8')).toMatch(/^CapEff:\s+0+$/m);
    // Notification programs are started by the child's helper, as nobody too.
    const helpers = await waitFor(() => helperOf(child), { what: 'the notification helper' });
    expect(helpers.map(commandLine)).toEqual([NOTIFY_HELPER]);
    expect(credentials(helpers[0]!).uid).toBe(nobody!.uid);

    writeFileSync(join(temp.path, 'ups.dev'), 'ups.status: OB LB\n');
    expect(await upsmon.exited).toBe(0);
    expect(readFileSync(join(dir, 'shutdown-uid'), 'utf8')).toBe('0\n0\n');
    expect(readFileSync(join(dir, 'killpower'), 'utf8')).toBe('upsmon-shutdown-file\n');
    expect(upsmon.output()).toMatch(/asking the privileged parent/);
    expect(upsmon.output()).toMatch(/the monitoring child asks for the shutdown/);
    expect(existsSync(join(dir, 'upsmon.pid'))).toBe(false);
  });

  it('RUN_AS_USER splits the same way; upsmon -c fsd reaches the child through the parent', async () => {
    const { upsmon, dir } = startUpsmon([], 'RUN_AS_USER nobody');
    const child = await splitStarted(upsmon);
    expect(credentials(child).uid).toBe(nobody!.uid);
    expect(credentials(upsmon.child.pid!).uid).toBe(0);
    expect(readFileSync(join(dir, 'upsmon.pid'), 'utf8')).toBe(`${upsmon.child.pid}\n`);
    const env = { ...process.env, NUT_CONFPATH: dir, NUT_STATEPATH: dir };
    const command = spawnProcess('upsmon -c', findBin('upsmon'), ['-c', 'fsd'], { env });
    expect(await command.exited).toBe(0);
    expect(await upsmon.exited).toBe(0);
    expect(upsmon.output()).toMatch(/forced shutdown requested/);
    expect(readFileSync(join(dir, 'shutdown-uid'), 'utf8')).toBe('0\n0\n');
  });

  it('a killed monitoring child ends upsmon, and the host is not shut down', async () => {
    const { upsmon, dir } = startUpsmon(['-u', 'nobody']);
    const child = await splitStarted(upsmon);
    process.kill(child, 'SIGKILL');
    expect(await upsmon.exited).toBe(1);
    expect(upsmon.output()).toMatch(/the monitoring child died/);
    expect(existsSync(join(dir, 'shutdown-uid'))).toBe(false);
    expect(existsSync(join(dir, 'killpower'))).toBe(false);
  });

  it('a killed parent is reported by the child as NOPARENT', async () => {
    const { upsmon } = startUpsmon(['-u', 'nobody']);
    const child = await splitStarted(upsmon);
    upsmon.child.kill('SIGKILL');
    await upsmon.exited;
    // The orphan still writes to the pipe the test reads the parent's output from.
    await waitFor(() => /upsmon parent process died - shutdown impossible/.test(upsmon.output()), {
      what: 'NOPARENT from the child',
    });
    expect(credentials(child).uid).toBe(nobody!.uid);
  });

  it('-p keeps everything in one root process', async () => {
    const { upsmon } = startUpsmon(['-p', '-u', 'nobody']);
    await upsmon.waitForOutput(/logged in/);
    expect(upsmon.output()).toMatch(/no privilege separation/);
    expect(credentials(upsmon.child.pid!).uid).toBe(0);
    // No monitoring child: the one child is the helper that starts notification programs.
    const children = await waitFor(() => helperOf(upsmon.child.pid!), {
      what: 'the notification helper',
    });
    expect(children.map(commandLine)).toEqual([NOTIFY_HELPER]);
  });
});
