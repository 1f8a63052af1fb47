import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, makeTempDir, spawnProcess, stopAll, waitFor } from '@nut-ts/testkit';

const UPSD = fileURLToPath(new URL('../bin/upsd.mjs', import.meta.url));
const tools = ['/usr/bin/systemd-notify', '/usr/bin/socat'];
const missing = tools.filter((tool) => !existsSync(tool));
if (missing.length > 0 && !process.env.CI)
  console.warn(`[systemd notify test skipped] missing ${missing.join(', ')}`);
const suite = missing.length === 0 || process.env.CI ? describe : describe.skip;

const temps: Array<{ remove(): void }> = [];
afterEach(async () => {
  await stopAll();
  for (const temp of temps.splice(0)) temp.remove();
});

suite('upsd under a Type=notify systemd unit', () => {
  it('says READY=1 once listening, RELOADING=1 then READY=1 on SIGHUP, STOPPING=1 on SIGTERM', async () => {
    const temp = makeTempDir('nut-notify-');
    temps.push(temp);
    const port = await freePort();
    writeFileSync(join(temp.path, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
    writeFileSync(join(temp.path, 'ups.conf'), '[ups]\n  driver = dummy-ups\n  port = none\n');
    writeFileSync(join(temp.path, 'upsd.users'), '[a]\n  password = b\n', { mode: 0o600 });
    const socket = join(temp.path, 'notify');
    const listener = spawnProcess('socat', 'socat', ['-u', `UNIX-RECV:${socket}`, 'STDOUT']);
    await waitFor(() => existsSync(socket), { what: 'notify socket' });
    const upsd = spawnProcess('upsd', process.execPath, [UPSD, '-F'], {
      env: {
        ...process.env,
        NUT_CONFPATH: temp.path,
        NUT_STATEPATH: temp.path,
        NOTIFY_SOCKET: socket,
      },
    });
    await listener.waitForOutput(/READY=1/);
    upsd.child.kill('SIGHUP');
    await listener.waitForOutput(/RELOADING=1[\s\S]*READY=1/);
    upsd.child.kill('SIGTERM');
    await listener.waitForOutput(/STOPPING=1/);
    expect(await upsd.exited).toBe(0);
  });
});
