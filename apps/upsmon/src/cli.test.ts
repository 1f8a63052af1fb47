import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DEV,
  describeInterop,
  makeTempDir,
  spawnProcess,
  startNutSite,
  stopAll,
  waitFor,
  type NutSite,
} from '@nut-ts/testkit';
import { runUpsmon } from './cli.js';
import { formatNotifyMessage } from './runtime/notifier.js';

const UPSMON = fileURLToPath(new URL('../bin/upsmon.mjs', import.meta.url));
const temps: Array<{ remove(): void }> = [];
let site: NutSite | undefined;
afterEach(async () => {
  await stopAll();
  await site?.stop();
  site = undefined;
  for (const temp of temps.splice(0)) temp.remove();
});

function confDir(conf: string): string {
  const temp = makeTempDir('nut-upsmon-');
  temps.push(temp);
  writeFileSync(join(temp.path, 'upsmon.conf'), conf);
  return temp.path;
}

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runUpsmon(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
  });
  return { code, stdout, stderr };
}

describe('upsmon command line', () => {
  it('-K says whether POWERDOWNFLAG holds NUT content', async () => {
    const dir = confDir('');
    const flag = join(dir, 'killpower');
    writeFileSync(join(dir, 'upsmon.conf'), `MINSUPPLIES 0\nPOWERDOWNFLAG ${flag}\n`);
    expect((await run(['-K'], { NUT_CONFPATH: dir })).code).toBe(1);
    writeFileSync(flag, 'upsmon-shutdown-file\n');
    expect((await run(['-K'], { NUT_CONFPATH: dir })).code).toBe(0);
    writeFileSync(flag, 'something else\n');
    expect((await run(['-K'], { NUT_CONFPATH: dir })).code).toBe(1);
  });

  it('refuses a bad configuration with file:line, and prints help', async () => {
    const dir = confDir('MONITOR ups@localhost 1 user pass boss\n');
    const { code, stderr } = await run([], { NUT_CONFPATH: dir });
    expect(code).toBe(1);
    expect(stderr).toContain(`${dir}/upsmon.conf:1: MONITOR type must be primary or secondary`);
    expect((await run(['-h'], {})).stdout).toContain('usage: upsmon');
  });

  it('formats notification messages like NUT', () => {
    expect(formatNotifyMessage('UPS %s on battery', 'ups@host')).toBe('UPS ups@host on battery');
    expect(formatNotifyMessage('UPS %s: alarms: [%s]', 'u', 'Replace battery')).toBe(
      'UPS u: alarms: [Replace battery]',
    );
  });

  it('-c stop signals the instance named in its PID file; a second instance is refused', async () => {
    const dir = confDir('MINSUPPLIES 0\n');
    const env = { ...process.env, NUT_CONFPATH: dir, NUT_STATEPATH: dir };
    const daemon = spawnProcess('upsmon', process.execPath, [UPSMON, '-F'], { env });
    await daemon.waitForOutput(/upsmon started/);
    await waitFor(() => existsSync(join(dir, 'upsmon.pid')), { what: 'PID file' });
    const second = await run(['-F'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('a previous upsmon instance is already running');
    expect((await run(['-c', 'stop'], env)).code).toBe(0);
    expect(await daemon.exited).toBe(0);
    expect(existsSync(join(dir, 'upsmon.pid'))).toBe(false);
  });
});

describeInterop('upsmon --dry-run', () => {
  it('decides to shut down but runs nothing and stays up', async () => {
    site = await startNutSite({
      ups: {
        dummy: {
          file: 'dummy.dev',
          content: DEFAULT_DEV.replace('ups.status: OL', 'ups.status: OB LB'),
          desc: 'x',
        },
      },
    });
    await site.waitForStatus();
    const dir = join(site.dir, 'host');
    mkdirSync(dir);
    const marker = join(dir, 'ran');
    writeFileSync(
      join(dir, 'upsmon.conf'),
      `MONITOR dummy@127.0.0.1:${site.port} 1 upsmon_primary pripass primary\nSHUTDOWNCMD "touch ${marker}"\nPOWERDOWNFLAG ${join(dir, 'flag')}\nPOLLFREQ 1\nFINALDELAY 0\nHOSTSYNC 1\n`,
    );
    const daemon = spawnProcess('upsmon', process.execPath, [UPSMON, '-F', '--dry-run'], {
      env: { ...process.env, NUT_CONFPATH: dir, NUT_STATEPATH: dir },
    });
    await daemon.waitForOutput(/would write POWERDOWNFLAG and run SHUTDOWNCMD/, 20_000);
    expect(daemon.output()).toMatch(/would send FSD/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(dir, 'flag'))).toBe(false);
    expect(
      (await site.client('upsc', [`dummy@127.0.0.1:${site.port}`, 'ups.status'])).stdout.trim(),
    ).toBe('OB LB');
    expect(daemon.child.exitCode).toBeNull();
  }, 30_000);
});
