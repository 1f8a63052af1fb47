import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInterop,
  spawnProcess,
  startNutSite,
  waitFor,
  type NutSite,
  type SpawnedProcess,
} from '@nut-ts/testkit';
import { MegatecUps } from './sim/megatec-ups.js';
import { serveOverTcp } from './sim/tcp-server.js';

const NUTDRV_QX = fileURLToPath(new URL('../bin/nutdrv_qx.mjs', import.meta.url));

describeInterop("Debian's upsd 2.8.0 serves our nutdrv_qx", () => {
  const ups = new MegatecUps();
  let site: NutSite;
  let tcp: Awaited<ReturnType<typeof serveOverTcp>>;
  let driver: SpawnedProcess;
  const upsc = async (variable: string) =>
    (await site.client('upsc', [`qx@127.0.0.1:${site.port}`, variable])).stdout.trim();

  beforeAll(async () => {
    tcp = await serveOverTcp(ups);
    site = await startNutSite({ startDrivers: false, startUpsd: false });
    writeFileSync(
      join(site.confPath, 'ups.conf'),
      `pollinterval = 1\n[qx]\n  driver = nutdrv_qx\n  port = tcp://127.0.0.1:${tcp.port}\n  desc = "Megatec through our driver"\n`,
    );
    driver = spawnProcess('our nutdrv_qx', process.execPath, [NUTDRV_QX, '-a', 'qx', '-F'], {
      env: site.env,
    });
    await driver.waitForOutput(/UPS found/);
    await site.startUpsd();
    await site.waitForStatus('qx');
  }, 30_000);
  afterAll(async () => {
    await driver?.stop();
    await site?.stop();
    await tcp?.close();
  });

  it('shows the simulated UPS through upsc, and a power cut as OB then OB LB', async () => {
    expect(await upsc('ups.status')).toBe('OL');
    expect(await upsc('device.model')).toBe('SIM-1000');
    ups.mains = false;
    await waitFor(async () => (await upsc('ups.status')).startsWith('OB'), {
      what: 'OB through Debian upsc',
    });
    ups.charge = 10;
    await waitFor(async () => /^OB.*LB/.test(await upsc('ups.status')), {
      what: 'OB LB through Debian upsc',
    });
    expect(Number(await upsc('battery.charge'))).toBeLessThan(20);
  }, 30_000);

  it("takes Debian's upscmd commands to the UPS", async () => {
    const before = ups.beeper;
    const { code } = await site.client('upscmd', [
      '-u',
      'admin',
      '-p',
      'adminpass',
      `qx@127.0.0.1:${site.port}`,
      'beeper.toggle',
    ]);
    expect(code).toBe(0);
    await waitFor(() => ups.beeper !== before, { what: 'beeper toggled' });
  }, 30_000);
});
