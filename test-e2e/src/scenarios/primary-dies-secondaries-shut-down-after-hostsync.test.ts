import { afterEach, describe, expect, it } from 'vitest';
import type { Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('the primary dies during the outage', () => {
  it('lets the secondaries shut down on their own after HOSTSYNC of OB LB', async () => {
    const hostSync = 4;
    const site = siteForTest({ secondaries: 2, timers: { hostSync } }, sites);
    await site.start();
    site.ups.set({ 'ups.status': 'OB DISCHRG', 'battery.charge': '50' });
    await site.waitForStatus(/\bOB\b/);
    site.killHost('primary');
    await site.waitForCount(2, 10_000);
    site.note('battery low');
    const lowAt = Date.now();
    site.ups.set({ 'ups.status': 'OB DISCHRG LB', 'battery.charge': '10' });
    await site.waitForHostsDown(60_000);

    for (const host of site.secondaries) {
      const shutdown = site.timeline.filter('shutdown', host.name)[0];
      expect(shutdown, host.name).toBeDefined();
      expect(shutdown!.at - lowAt).toBeGreaterThanOrEqual(hostSync * 1000 - 1000);
    }
    expect(site.timeline.filter('status').some((e) => /\bFSD\b/.test(e.detail))).toBe(false);
  });
});
