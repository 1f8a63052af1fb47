import { afterEach, describe, expect, it } from 'vitest';
import type { Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('upsd restarted mid-outage', () => {
  it('every upsmon reconnects and logs in again; the count is restored', async () => {
    const site = siteForTest({ secondaries: 3, timers: { hostSync: 30, deadTime: 15 } }, sites);
    await site.start();
    site.ups.set({ 'ups.status': 'OB DISCHRG', 'battery.charge': '80' });
    await site.waitForStatus(/\bOB\b/);
    await site.restartUpsd();
    await site.waitForCount(4, 30_000);
    expect(site.hosts.every((host) => host.process?.running)).toBe(true);
    expect(site.timeline.filter('shutdown')).toHaveLength(0);
  });
});
