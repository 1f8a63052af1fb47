import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, FullDisks, makeTempDir, spawnProcess, stopAll } from '@nut-ts/testkit';
import { RawSession } from './test/raw-session.js';

// Spawns the built bin: run `pnpm exec tsc -b apps/upsd` first (the root `npm test` builds).
const UPSD = fileURLToPath(new URL('../bin/upsd.mjs', import.meta.url));

/**
 * upsd whose PID file cannot be written (a full /run): it says which file and why, and goes on
 * serving. Two ways to fill a disk: a 16 KB tmpfs filled to the brim (needs root to mount), and
 * a PID file that points at /dev/full (any user).
 */
const root = process.getuid?.() === 0;
if (!root) console.warn('[upsd full tmpfs skipped] mounting a tmpfs needs root; /dev/full runs');

const disks = new FullDisks(['upsd.pid']);
const teardown: Array<() => void> = [];
afterEach(async () => {
  await stopAll();
  for (const step of teardown.splice(0).reverse()) step();
  disks.removeAll();
});

const DISKS = [
  ['a full tmpfs', disks.tmpfs, root],
  ['/dev/full', disks.devFull, true],
] as const;

describe.each(DISKS)('upsd with its PID file on %s', (_, fullDir, runs) => {
  it.skipIf(!runs)('names the file and the error, and keeps serving', async () => {
    const temp = makeTempDir('nut-upsd-full-');
    teardown.push(() => temp.remove());
    const port = await freePort();
    writeFileSync(join(temp.path, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
    writeFileSync(join(temp.path, 'ups.conf'), '[one]\n  driver = fake\n  port = none\n');
    writeFileSync(join(temp.path, 'upsd.users'), '[mon]\n  password = pw\n  upsmon secondary\n', {
      mode: 0o600,
    });
    const pidDir = fullDir();
    const env = {
      ...process.env,
      NUT_CONFPATH: temp.path,
      NUT_STATEPATH: temp.path,
      NUT_ALTPIDPATH: pidDir,
    };
    const upsd = spawnProcess('upsd', process.execPath, [UPSD, '-F'], { env });
    await upsd.waitForOutput(/upsd started/);
    expect(upsd.output()).toContain(`cannot write PID file ${join(pidDir, 'upsd.pid')}`);
    expect(upsd.output()).toMatch(/ENOSPC|no space left/i);
    // No empty PID file is left to mislead `upsd -c stop` or an init script.
    expect(existsSync(join(pidDir, 'upsd.pid'))).toBe(false);
    const session = await RawSession.open(port);
    expect(await session.send('LIST UPS\n')).toBe(
      'BEGIN LIST UPS\nUPS one "Description unavailable"\nEND LIST UPS\n',
    );
    session.socket.destroy();
    expect(upsd.child.exitCode).toBeNull();
    expect(await upsd.stop()).toBe(0);
  });
});
