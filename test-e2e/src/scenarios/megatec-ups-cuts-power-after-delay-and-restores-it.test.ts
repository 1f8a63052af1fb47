import { afterEach, describe, expect, it } from 'vitest';
import { judgeShutdown, type Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('a power cut on a site fed by a Megatec UPS through nutdrv_qx', () => {
  it('shuts the hosts down in order, then the UPS cuts its output after the delay and restores it when mains return', async () => {
    const site = siteForTest({ ups: 'megatec', secondaries: 2 }, sites);
    await site.start();
    await site.powerCut(1500);
    await site.waitForHostsDown(60_000);
    expect(judgeShutdown(site).findings.filter((line) => !line.startsWith('ok'))).toEqual([]);
    // The primary's SHUTDOWNCMD ran `nutdrv_qx -k`: shutdown.return with offdelay 30 s and
    // ondelay 180 s, which the simulator (60 times faster) carries out in 0.5 s and 3 s.
    const megatec = site.megatec!;
    await megatec.waitForOutput(false, 10_000);
    expect((await megatec.control('status')).mains).toBe(false);
    await site.mainsBack();
    await megatec.waitForOutput(true, 15_000);
  });
});
