import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBin } from '@nut-ts/sim';
import { freePort, FullDisks, makeTempDir, spawnProcess, stopAll } from '@nut-ts/testkit';

/**
 * upsmon with no room for its PID file and POWERDOWNFLAG (a full /run): it names each file
 * and the error, keeps monitoring, and when the power fails still runs SHUTDOWNCMD: a host that
 * halts without the flag only leaves the UPS on, one that does not halt loses its data.
 * Two full disks: a 16 KB tmpfs filled to the brim (root, to mount it) and /dev/full (anyone);
 * with both processes of the privilege split (root) and as one process.
 */
const root = process.getuid?.() === 0;
if (!root) console.warn('[upsmon full tmpfs and privilege split skipped] they need root');

const disks = new FullDisks(['upsmon.pid', 'killpower']);
const teardown: Array<() => void> = [];
afterEach(async () => {
  await stopAll();
  for (const step of teardown.splice(0).reverse()) step();
  disks.removeAll();
});

const CASES = [
  ['a full tmpfs, privilege split', disks.tmpfs, ['-u', 'nobody'], root],
  ['a full tmpfs, one process', disks.tmpfs, [], root],
  ['/dev/full, one process', disks.devFull, [], true],
] as const;

describe.each(CASES)('upsmon with PID file and POWERDOWNFLAG on %s', (_, fullDir, args, runs) => {
  it.skipIf(!runs)('says which file, keeps monitoring, and still shuts down', async () => {
    const temp = makeTempDir('nut-upsmon-full-');
    teardown.push(() => temp.remove());
    const port = await freePort();
    const write = (name: string, text: string) => writeFileSync(join(temp.path, name), text);
    write('ups.conf', '[ups]\n  driver = dummy-ups\n  port = ups.dev\n');
    write('ups.dev', 'ups.status: OL\n');
    write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
    write('upsd.users', '[mon]\n  password = pw\n  upsmon primary\n');
    const full = fullDir();
    const flag = join(full, 'killpower');
    const marker = join(temp.path, 'shutdown-ran');
    write(
      'upsmon.conf',
      [
        `MONITOR ups@127.0.0.1:${port} 1 mon pw primary`,
        `SHUTDOWNCMD "echo ran > ${marker}"`,
        `POWERDOWNFLAG ${flag}`,
        'POLLFREQ 1',
        'POLLFREQALERT 1',
        'FINALDELAY 0',
      ].join('\n'),
    );
    const env = { ...process.env, NUT_CONFPATH: temp.path, NUT_STATEPATH: temp.path };
    const driver = spawnProcess('dummy-ups', findBin('dummy-ups'), ['-a', 'ups'], { env });
    await driver.waitForOutput(/./);
    const upsd = spawnProcess('upsd', findBin('upsd'), [], { env });
    await upsd.waitForOutput(/upsd started/);
    const upsmon = spawnProcess('upsmon', findBin('upsmon'), ['-F', ...args], {
      env: { ...env, NUT_ALTPIDPATH: full },
    });

    const pidFile = join(full, 'upsmon.pid');
    await upsmon.waitForOutput(/logged in/);
    expect(upsmon.output()).toContain(`cannot write PID file ${pidFile}: ENOSPC`);
    expect(existsSync(pidFile), 'no empty PID file left behind').toBe(false);

    write('ups.dev', 'ups.status: OB LB\n');
    expect(await upsmon.exited).toBe(0);
    expect(upsmon.output()).toContain(`cannot write POWERDOWNFLAG ${flag}: ENOSPC`);
    expect(upsmon.output()).toMatch(/"level":50[^\n]*cannot write POWERDOWNFLAG/);
    expect(existsSync(flag), 'no empty flag left behind').toBe(false);
    expect(readFileSync(marker, 'utf8')).toBe('ran\n');
  });
});
