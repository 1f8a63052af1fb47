import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { anyChar, makeTempDir, scale, waitFor } from '@nut-ts/testkit';
import { CommandLauncher, launchLine, shellQuote } from './launcher.js';
import { RecordingLogger } from './site.test-helper.js';

const dirs: Array<{ remove(): void }> = [];
const launchers: CommandLauncher[] = [];

afterEach(() => {
  for (const launcher of launchers.splice(0)) launcher.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

function setUp(shell: string) {
  const dir = makeTempDir('launcher-');
  dirs.push(dir);
  const logger = new RecordingLogger();
  const launcher = new CommandLauncher(logger, shell, 100);
  launchers.push(launcher);
  const log = join(dir.path, 'log');
  /** Starts a program that appends "NOTIFYTYPE UPSNAME parent-PID word" to the log. */
  const record = (word: string, env: Record<string, string> = {}) =>
    launcher.launch(
      'test',
      ['/bin/sh', '-c', `echo "$NOTIFYTYPE $UPSNAME $PPID $0" >> ${log}`, word],
      env,
    );
  const lines = async (count: number): Promise<string[]> =>
    waitFor(
      () => {
        const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
        const all = text.split('\n').filter(Boolean);
        return all.length >= count ? all : undefined;
      },
      { what: `${count} lines in the log` },
    );
  return { dir: dir.path, logger, launcher, record, lines };
}

/** The states (R, S, Z...) of `pid`'s child processes. */
function childStates(pid: number): string[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(parent) === pid ? [state!] : [];
    } catch {
      return [];
    }
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** /bin/sh is dash on Debian and bash elsewhere (Fedora, Arch): the helper must work with both. */
const SHELLS = ['/bin/sh', '/bin/bash'].filter((shell) => existsSync(shell));

describe.each(SHELLS)('CommandLauncher with %s as the helper', (shell) => {
  it('starts every program through one helper, with its environment', async () => {
    const { record, lines } = setUp(shell);
    for (let i = 0; i < 20; i++) record(`n${i}`, { NOTIFYTYPE: 'ONBATT', UPSNAME: `ups${i}` });
    const got = await lines(20);
    const parents = new Set(got.map((line) => line.split(' ')[2]));
    expect(parents.size).toBe(1);
    expect(parents.has(String(process.pid))).toBe(false);
    // They run side by side, as NUT's do, so they may finish in any order.
    const words = got.map((line) =>
      line
        .split(' ')
        .filter((_, i) => i !== 2)
        .join(' '),
    );
    expect(words.sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `ONBATT ups${i} n${i}`).sort(),
    );
  });

  it('reaps every program it started: no zombies are left behind', async () => {
    const { record, lines } = setUp(shell);
    for (let i = 0; i < 100; i++) record(`n${i}`);
    const helperPid = Number((await lines(100))[0]!.split(' ')[2]);
    await waitFor(() => childStates(helperPid).every((state) => state !== 'Z'), {
      what: 'no zombie children of the helper',
    });
  });

  it('passes any text through untouched, also quoted twice as NOTIFYCMD is', async () => {
    const { dir, launcher } = setUp(shell);
    // Each text starts two shells, so the soak run takes 2,000 rather than fast-check's 20,000.
    const texts = fc.sample(
      fc.array(anyChar, { maxLength: 40 }).map((chars) => chars.join('').replace(/\0/g, '')),
      scale(100, 2_000),
    );
    texts.push(`it's $(touch ${dir}/pwned); \`id\` "x" \\ ${'\n'} end`);
    texts.forEach((text, i) => {
      const file = join(dir, `out${i}`);
      launcher.launch('test', ['/bin/sh', '-c', `printf %s ${shellQuote(text)} > ${file}`], {
        NOTIFYTYPE: text,
      });
    });
    await waitFor(() => texts.every((_, i) => existsSync(join(dir, `out${i}`))), {
      what: 'every output file',
      timeoutMs: scale(10_000, 120_000),
    });
    await waitFor(
      () => texts.every((text, i) => readFileSync(join(dir, `out${i}`), 'utf8') === text),
      { what: 'every text written whole' },
    );
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('starts a new helper when the old one was killed', async () => {
    const { logger, record, lines } = setUp(shell);
    record('before');
    const helperPid = Number((await lines(1))[0]!.split(' ')[2]);
    process.kill(helperPid, 'SIGKILL');
    await waitFor(
      () => logger.entries.some((e) => e.msg.includes('helper') && e.level === 'warn'),
      {
        what: 'the warning that the helper exited',
      },
    );
    record('after');
    const got = await lines(2);
    const newPid = Number(got[1]!.split(' ')[2]);
    expect(newPid).not.toBe(helperPid);
    expect(newPid).not.toBe(process.pid);
  });

  it('lets the helper exit on close, and what it started runs to the end', async () => {
    const { dir, launcher, record, lines } = setUp(shell);
    record('first');
    const helperPid = Number((await lines(1))[0]!.split(' ')[2]);
    launcher.launch('test', ['/bin/sh', '-c', `sleep 0.2; echo done > ${dir}/late`], {});
    launcher.close();
    await waitFor(() => !alive(helperPid), { what: 'the helper to exit' });
    await waitFor(() => existsSync(join(dir, 'late')), { what: 'the late program' });
  });
});

describe('CommandLauncher without a shell', () => {
  it('starts programs directly when the helper cannot run', async () => {
    const { logger, record, lines } = setUp('/nonexistent/sh');
    record('one');
    record('two');
    const got = await lines(2);
    expect(got.map((line) => line.split(' ').slice(2))).toEqual([
      [String(process.pid), 'one'],
      [String(process.pid), 'two'],
    ]);
    await waitFor(
      () => logger.entries.some((e) => e.msg.includes('cannot start /nonexistent/sh')),
      {
        what: 'the warning',
      },
    );
  });
});

describe('launchLine', () => {
  it('is one background command with the environment in front', () => {
    expect(launchLine(['/bin/echo', "it's"], { NOTIFYTYPE: 'FSD' })).toBe(
      `NOTIFYTYPE='FSD' '/bin/echo' 'it'\\''s' </dev/null >/dev/null 2>&1 & jobs >/dev/null\n`,
    );
  });

  it('refuses what is not a variable name', () => {
    expect(() => launchLine(['true'], { 'A=B; rm': 'x' })).toThrow(/not an environment variable/);
  });
});
