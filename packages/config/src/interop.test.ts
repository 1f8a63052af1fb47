import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeInterop, makeTempDir, NUT_SBIN } from '@nut-ts/testkit';
import { afterEach, expect, it } from 'vitest';
import { errorsOf } from './config-errors.test-helper.js';
import { loadUpsConf } from './load.js';
import { parseUpsmonConf } from './upsmon-conf.js';

const run = promisify(execFile);
/** Debian's, by full path: node_modules/.bin on the test PATH holds our own upsdrvctl. */
const DEBIAN_UPSDRVCTL = '/sbin/upsdrvctl';

/** What Debian's upsdrvctl would run, in order: `[driver, ups]` pairs from its test mode. */
async function upsdrvctlPlan(confDir: string, command: 'start' | 'shutdown'): Promise<string[][]> {
  const { stdout, stderr } = await run(DEBIAN_UPSDRVCTL, ['-t', '-D', command], {
    env: { ...process.env, NUT_CONFPATH: confDir },
    timeout: 10_000,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  return [...`${stdout}${stderr}`.matchAll(/exec:\s+\S*\/([^/\s]+) -a (\S+)/g)].map((m) => [
    m[1]!,
    m[2]!,
  ]);
}

/** Our reading of the same file, in upsdrvctl's order (shutdown: by sdorder, -1 left out). */
function ourPlan(confDir: string, command: 'start' | 'shutdown'): string[][] {
  const { ups } = loadUpsConf(confDir);
  const order =
    command === 'start'
      ? ups
      : ups
          .filter((u) => (u.sdOrder ?? 0) >= 0)
          .sort((a, b) => (a.sdOrder ?? 0) - (b.sdOrder ?? 0));
  return order.map((u) => [u.driver, u.name]);
}

describeInterop("ups.conf as Debian's upsdrvctl 2.8.0 reads it", () => {
  let dir: { path: string; remove(): void } | undefined;
  afterEach(() => dir?.remove());

  it('the site fixture: same drivers, UPSes, start and shutdown order', async () => {
    dir = makeTempDir('nut-config-');
    copyFileSync(new URL('fixtures/site/ups.conf', import.meta.url), join(dir.path, 'ups.conf'));
    for (const command of ['start', 'shutdown'] as const) {
      const theirs = await upsdrvctlPlan(dir.path, command);
      expect(theirs.length).toBeGreaterThan(0);
      expect(ourPlan(dir.path, command)).toEqual(theirs);
    }
  });

  it('quirks: wrong-case keys, last value wins, sdorder ties keep file order', async () => {
    dir = makeTempDir('nut-config-');
    writeFileSync(
      join(dir.path, 'ups.conf'),
      [
        '[a]',
        '  driver = dummy-ups',
        '  Driver = nutdrv_qx',
        '  port = a.dev',
        '  SDORDER = 3',
        '[b]',
        '  DRIVER = dummy-ups',
        '  driver = dummy-ups',
        '  port = b.dev',
        '  sdorder = 1',
        '  driver = nutdrv_qx',
        '[c]',
        '  driver = dummy-ups',
        '  port = c.dev',
        '  desc = two words',
      ].join('\n'),
    );
    for (const command of ['start', 'shutdown'] as const)
      expect(ourPlan(dir.path, command)).toEqual(await upsdrvctlPlan(dir.path, command));
  });
});

describeInterop("upsmon.conf files Debian's upsmon 2.8.0 refuses to start with", () => {
  let dir: { path: string; remove(): void } | undefined;
  afterEach(() => dir?.remove());

  const refused: Record<string, string> = {
    'no MONITOR at all': 'RUN_AS_USER root\n',
    'power below MINSUPPLIES':
      'RUN_AS_USER root\nMONITOR u@127.0.0.1:9 1 a b primary\nMINSUPPLIES 2\n',
    'the pre-2.0 MONITOR form': 'RUN_AS_USER root\nMONITOR u@127.0.0.1:9 1 a b\n',
  };
  for (const [name, text] of Object.entries(refused)) {
    it(`${name}: NUT exits non-zero, we throw a ConfigError`, async () => {
      dir = makeTempDir('nut-config-');
      writeFileSync(join(dir.path, 'upsmon.conf'), text, { mode: 0o600 });
      // NUT_ALTPIDPATH keeps its PID file out of /run/nut, where other tests' upsmon may live.
      const env = {
        ...process.env,
        NUT_CONFPATH: dir.path,
        NUT_STATEPATH: dir.path,
        NUT_ALTPIDPATH: dir.path,
      };
      const exit = await run(`${NUT_SBIN}/upsmon`, ['-F'], { env, timeout: 10_000 }).then(
        () => 0,
        (error: { code?: number | string; killed?: boolean }) =>
          error.killed ? 'timeout' : error.code,
      );
      expect(exit).not.toBe(0);
      expect(exit).not.toBe('timeout');
      expect(errorsOf(() => parseUpsmonConf(text, 'upsmon.conf'))).not.toEqual([]);
    });
  }
});
