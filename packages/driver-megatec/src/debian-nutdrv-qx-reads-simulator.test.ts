import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NUT_SBIN,
  describeInterop,
  spawnProcess,
  startNutSite,
  waitFor,
  type NutSite,
  type SpawnedProcess,
} from '@nut-ts/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MegatecUps } from './sim/megatec-ups.js';
import { serveOverPty } from './sim/pty-server.js';

describeInterop("Debian's nutdrv_qx 2.8.0 and upsd read our simulator on a pty", () => {
  const ups = new MegatecUps({ drainPerSecond: 0 });
  let site: NutSite;
  let socat: SpawnedProcess;
  let driver: SpawnedProcess;
  let pty: { close(): void };
  const upsc = async (variable: string) =>
    (await site.client('upsc', [`qx@127.0.0.1:${site.port}`, variable])).stdout.trim();
  const upscmd = (...args: string[]) =>
    site.client('upscmd', ['-u', 'admin', '-p', 'adminpass', `qx@127.0.0.1:${site.port}`, ...args]);

  beforeAll(async () => {
    site = await startNutSite({ startDrivers: false, startUpsd: false });
    const [ttyA, ttyB] = [join(site.dir, 'ttyA'), join(site.dir, 'ttyB')];
    socat = spawnProcess('socat', 'socat', [
      `pty,raw,echo=0,link=${ttyA}`,
      `pty,raw,echo=0,link=${ttyB}`,
    ]);
    await waitFor(() => existsSync(ttyA) && existsSync(ttyB), { what: 'the pty pair' });
    pty = serveOverPty(ups, ttyB);
    writeFileSync(
      join(site.confPath, 'ups.conf'),
      `pollinterval = 1\n[qx]\n  driver = nutdrv_qx\n  port = ${ttyA}\n  protocol = megatec\n`,
    );
    const asRoot = process.getuid?.() === 0 ? ['-u', 'root'] : [];
    driver = spawnProcess(
      "Debian's nutdrv_qx",
      `${NUT_SBIN}/nutdrv_qx`,
      ['-a', 'qx', '-F', ...asRoot],
      {
        env: site.env,
      },
    );
    await waitFor(() => existsSync(join(site.statePath, 'nutdrv_qx-qx')), {
      what: "Debian's nutdrv_qx socket",
      timeoutMs: 20_000,
    });
    await site.startUpsd();
    await site.waitForStatus('qx');
  }, 40_000);
  afterAll(async () => {
    await driver?.stop();
    await site?.stop();
    pty?.close();
    await socat?.stop();
  });

  it('shows the simulated UPS, and a power cut as OB then OB LB', async () => {
    expect(await upsc('ups.status')).toBe('OL');
    expect(await upsc('device.model')).toBe('SIM-1000');
    expect(await upsc('battery.charge')).toBe('100');
    ups.mains = false;
    await waitFor(async () => (await upsc('ups.status')) === 'OB', {
      what: 'OB through Debian upsc',
    });
    ups.charge = 10;
    await waitFor(async () => (await upsc('ups.status')) === 'OB LB', {
      what: 'OB LB through Debian upsc',
    });
    // battery.charge would lag: NUT refreshes measurements only every pollfreq (30 s), status
    // bits every pollinterval.
    ups.mains = true;
    await waitFor(async () => (await upsc('ups.status')) === 'OL', { what: 'OL again' });
  }, 30_000);

  it("carries Debian's upscmd to the simulator, which acts on it", async () => {
    expect((await upscmd('beeper.toggle')).code).toBe(0);
    await waitFor(() => ups.beeper === false, { what: 'the beeper toggled' });
    expect((await upscmd('shutdown.return')).code).toBe(0);
    await waitFor(() => ups.shutdownPending, { what: 'the shutdown pending' });
    expect(ups.received).toContain('S.5R0003');
    await waitFor(async () => (await upsc('ups.status')).includes('FSD'), {
      what: 'FSD from the shutdown bit',
    });
    expect((await upscmd('shutdown.stop')).code).toBe(0);
    await waitFor(() => !ups.shutdownPending, { what: 'the shutdown cancelled' });
  }, 30_000);
});
