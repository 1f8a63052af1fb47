import { afterEach, describe, expect, it } from 'vitest';
import type { Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('mains return before the battery runs low', () => {
  it('nobody shuts down', async () => {
    const site = siteForTest({ secondaries: 2 }, sites);
    await site.start();
    site.ups.set({ 'ups.status': 'OB DISCHRG', 'battery.charge': '80' });
    for (const host of site.hosts) await site.waitForNotify(host.name, 'ONBATT', 10_000);
    await site.mainsBack();
    for (const host of site.hosts) await site.waitForNotify(host.name, 'ONLINE', 10_000);
    expect(site.timeline.filter('shutdown')).toHaveLength(0);
    expect(site.hosts.every((host) => host.process?.running)).toBe(true);
    expect(site.timeline.filter('count').at(-1)?.count).toBe(3);
  });
});
