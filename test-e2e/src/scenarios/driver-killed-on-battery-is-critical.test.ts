import { afterEach, describe, expect, it } from 'vitest';
import { judgeShutdown, type Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('the driver killed while the UPS is on battery', () => {
  it('makes the data stale, and after DEADTIME the UPS counts as critical: the site shuts down in order', async () => {
    const deadTime = 3;
    const site = siteForTest({ secondaries: 2, timers: { deadTime, hostSync: 10 } }, sites);
    await site.start();
    site.ups.set({ 'ups.status': 'OB DISCHRG', 'battery.charge': '70' });
    // Every host must have seen the UPS on battery: one last seen on line is not critical (NUT's rule).
    for (const host of site.hosts) await site.waitForNotify(host.name, 'ONBATT', 10_000);
    site.killDriver();
    await site.waitForStatus(/DRIVER-NOT-CONNECTED|DATA-STALE/, 20_000);
    await site.waitForHostsDown(60_000);
    // The secondaries cannot read FSD from a dead UPS: they shut down by their own HOSTSYNC
    // rule. The primary, unlike NUT's, keeps counting them through LIST CLIENT and waits.
    const verdict = judgeShutdown(site);
    expect(site.timeline.filter('shutdown')).toHaveLength(3);
    expect(
      verdict.findings.find((line) => line.includes('after every secondary had left')),
    ).toMatch(/^ok/);
  });
});
