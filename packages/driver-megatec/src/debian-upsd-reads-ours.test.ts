import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
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
import { serveOverTcp } from './sim/tcp-server.js';

const NUTDRV_QX = fileURLToPath(new URL('../bin/nutdrv_qx.mjs', import.meta.url));

for (const line of ['tcp', 'pty'] as const) {
  describeInterop(`Debian's upsd 2.8.0 serves our nutdrv_qx (simulator on ${line})`, () => {
    const ups = new MegatecUps({ drainPerSecond: 0 });
    let site: NutSite;
    let driver: SpawnedProcess;
    let socat: SpawnedProcess | undefined;
    const closers: Array<() => unknown> = [];
    const upsc = async (variable: string) =>
      (await site.client('upsc', [`qx@127.0.0.1:${site.port}`, variable])).stdout.trim();

    /** The ups.conf `port` for this run: a TCP simulator, or a pty through serialport. */
    async function port(): Promise<string> {
      if (line === 'tcp') {
        const served = await serveOverTcp(ups);
        closers.push(() => served.close());
        return `tcp://127.0.0.1:${served.port}`;
      }
      const [ttyA, ttyB] = [join(site.dir, 'ttyA'), join(site.dir, 'ttyB')];
      socat = spawnProcess('socat', 'socat', [
        `pty,raw,echo=0,link=${ttyA}`,
        `pty,raw,echo=0,link=${ttyB}`,
      ]);
      await waitFor(() => existsSync(ttyA) && existsSync(ttyB), { what: 'the pty pair' });
      const served = serveOverPty(ups, ttyB);
      closers.push(() => served.close());
      return ttyA;
    }

    beforeAll(async () => {
      site = await startNutSite({ startDrivers: false, startUpsd: false });
      writeFileSync(
        join(site.confPath, 'ups.conf'),
        `pollinterval = 1\n[qx]\n  driver = nutdrv_qx\n  port = ${await port()}\n  desc = "Megatec through our driver"\n`,
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
      for (const close of closers) await close();
      await socat?.stop();
    });

    it('shows the simulated UPS through upsc, and a power cut as OB then OB LB', async () => {
      expect(await upsc('ups.status')).toBe('OL');
      expect(await upsc('device.model')).toBe('SIM-1000');
      ups.mains = false;
      await waitFor(async () => (await upsc('ups.status')) === 'OB', {
        what: 'OB through Debian upsc',
      });
      // The charge falls, yet the status stays what Debian's own nutdrv_qx shows: no DISCHRG.
      ups.charge = 50;
      await waitFor(async () => (await upsc('battery.charge')) === '50', { what: 'charge 50' });
      expect(await upsc('ups.status')).toBe('OB');
      ups.charge = 10;
      await waitFor(async () => (await upsc('battery.charge')) === '10', { what: 'charge 10' });
      expect(await upsc('ups.status')).toBe('OB LB');
      ups.mains = true;
    }, 30_000);

    it("takes Debian's upscmd and upsrw to the UPS", async () => {
      const auth = ['-u', 'admin', '-p', 'adminpass'];
      const before = ups.beeper;
      const toggled = await site.client('upscmd', [
        ...auth,
        `qx@127.0.0.1:${site.port}`,
        'beeper.toggle',
      ]);
      expect(toggled.code).toBe(0);
      await waitFor(() => ups.beeper !== before, { what: 'beeper toggled' });
      const set = await site.client('upsrw', [
        ...auth,
        '-s',
        'ups.delay.shutdown=60',
        `qx@127.0.0.1:${site.port}`,
      ]);
      expect(set.code).toBe(0);
      await waitFor(async () => (await upsc('ups.delay.shutdown')) === '60', {
        what: 'the new delay',
      });
      expect(
        (await site.client('upscmd', [...auth, `qx@127.0.0.1:${site.port}`, 'shutdown.return']))
          .code,
      ).toBe(0);
      await waitFor(() => ups.received.includes('S01R0003'), { what: 'S01R0003 on the line' });
      expect(ups.shutdownPending).toBe(true);
    }, 30_000);
  });
}
