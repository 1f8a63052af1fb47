import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop, startNutSite, type NutSite } from './real-nut.js';

describeInterop('real NUT peer (Debian 2.8.0)', () => {
  let site: NutSite;
  beforeAll(async () => {
    site = await startNutSite();
  }, 30_000);
  afterAll(async () => site?.stop());

  it('serves the dummy UPS through Debian upsd and upsc', async () => {
    expect(await site.waitForStatus()).toBe('OL');
    const { stdout } = await site.client('upsc', [`dummy@127.0.0.1:${site.port}`, 'device.model']);
    expect(stdout.trim()).toBe('Dummy UPS');
  });
});
