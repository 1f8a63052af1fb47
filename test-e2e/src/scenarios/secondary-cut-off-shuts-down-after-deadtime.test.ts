import { afterEach, describe, expect, it } from 'vitest';
import type { Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('a secondary cut off from upsd while on battery', () => {
  it('shuts itself down after DEADTIME; the others stay up', async () => {
    const deadTime = 4;
    const site = siteForTest(
      { secondaries: 2, relays: true, timers: { deadTime, hostSync: 3 } },
      sites,
    );
    await site.start();
    site.note('power cut: ups on battery');
    site.ups.set({ 'ups.status': 'OB DISCHRG', 'battery.charge': '70' });
    await site.waitForStatus(/\bOB\b/);
    // Let every host see OB before the cut.
    await site.waitForNotify('secondary-1', 'ONBATT', 10_000);
    const cutAt = Date.now();
    await site.cutOff('secondary-1');

    await site.hosts[1]!.process!.exited;
    await site.refresh();
    const shutdown = site.timeline.filter('shutdown', 'secondary-1')[0];
    expect(shutdown).toBeDefined();
    expect(shutdown!.at - cutAt).toBeGreaterThanOrEqual(deadTime * 1000 - 1000);
    expect(site.primary.process!.running).toBe(true);
    expect(site.hosts[2]!.process!.running).toBe(true);
    expect(site.timeline.filter('shutdown', 'primary')).toHaveLength(0);
  });
});
