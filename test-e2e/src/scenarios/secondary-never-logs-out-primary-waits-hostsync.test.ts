import { afterEach, describe, expect, it } from 'vitest';
import { NutClient } from '@nut-ts/client';
import { SITE_USERS, type Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
const clients: NutClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
  await stopSites(sites);
});

describe('a secondary that never logs out', () => {
  it('makes the primary wait HOSTSYNC, then proceed', async () => {
    const hostSync = 5;
    const site = siteForTest({ secondaries: 1, timers: { hostSync } }, sites);
    await site.start();
    // A system that logged in as a secondary but will never shut down or leave.
    const stubborn = new NutClient({ host: '127.0.0.1', port: site.port, reconnect: false });
    clients.push(stubborn);
    await stubborn.connect();
    await stubborn.username(SITE_USERS.secondary.username);
    await stubborn.password(SITE_USERS.secondary.password);
    await stubborn.login('ups');
    await site.waitForCount(3, 10_000);

    await site.powerCut(1000);
    await site.waitForHostsDown(60_000);

    const fsd = site.timeline.filter('status').find((e) => /\bFSD\b/.test(e.detail));
    const primaryShutdown = site.timeline.filter('shutdown', 'primary')[0];
    expect(fsd).toBeDefined();
    expect(primaryShutdown).toBeDefined();
    expect(site.timeline.filter('shutdown', 'secondary-1')).toHaveLength(1);
    // Between FSD and the primary's shutdown the count never reached 1: the stubborn client
    // stayed, so the primary waited HOSTSYNC. (Before FSD it passed 1 while the hosts logged in.)
    const countsAfterFsd = site.timeline
      .filter('count')
      .filter((e) => e.at >= fsd!.at && e.at < primaryShutdown!.at);
    expect(countsAfterFsd.map((e) => e.count)).not.toContain(1);
    expect(primaryShutdown!.at - fsd!.at).toBeGreaterThanOrEqual(hostSync * 1000 - 500);
  });
});
