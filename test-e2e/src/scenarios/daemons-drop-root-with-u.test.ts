import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupUser } from '@nut-ts/core';
import { NutClient } from '@nut-ts/client';
import { findBin } from '@nut-ts/sim';
import { freePort, makeTempDir, spawnProcess, stopAll, waitFor } from '@nut-ts/testkit';

const uidOf = (pid: number) =>
  Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const root = process.getuid?.() === 0;
if (!root) console.warn('[privilege test skipped] it needs root to drop from');
const suite = root ? describe : describe.skip;

suite('upsd and drivers started as root with -u', () => {
  const temp = makeTempDir('nut-drop-');
  afterAll(async () => {
    await stopAll();
    temp.remove();
  });

  it('run as that user, and still talk to each other through the driver socket', async () => {
    const nobody = lookupUser('nobody');
    expect(nobody, 'a nobody user').toBeDefined();
    chmodSync(temp.path, 0o777);
    const port = await freePort();
    writeFileSync(join(temp.path, 'ups.conf'), '[ups]\n  driver = dummy-ups\n  port = ups.dev\n');
    writeFileSync(join(temp.path, 'ups.dev'), 'ups.status: OL\n');
    writeFileSync(join(temp.path, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
    writeFileSync(join(temp.path, 'upsd.users'), '[a]\n  password = b\n', { mode: 0o644 });
    const env = { ...process.env, NUT_CONFPATH: temp.path, NUT_STATEPATH: temp.path };
    const driver = spawnProcess('dummy-ups', findBin('dummy-ups'), ['-a', 'ups', '-u', 'nobody'], {
      env,
    });
    await driver.waitForOutput(/running as nobody/);
    const upsd = spawnProcess('upsd', findBin('upsd'), ['-u', 'nobody'], { env });
    await upsd.waitForOutput(/running as nobody/);
    expect(uidOf(driver.child.pid!)).toBe(nobody!.uid);
    expect(uidOf(upsd.child.pid!)).toBe(nobody!.uid);
    const client = new NutClient({ host: '127.0.0.1', port, reconnect: false });
    await client.connect();
    await waitFor(async () => (await client.getVar('ups', 'ups.status').catch(() => '')) === 'OL', {
      what: 'data through the dropped daemons',
    });
    await client.close();
  }, 30_000);
});
