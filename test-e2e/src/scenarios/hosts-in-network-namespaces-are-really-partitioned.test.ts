import { afterEach, describe, expect, it } from 'vitest';
import { netnsUnavailable, type Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

const reason = netnsUnavailable();
if (reason) console.warn(`[netns skipped] hosts in network namespaces: ${reason}`);
const describeNetns = !reason || process.env.NUT_NETNS === 'required' ? describe : describe.skip;

/** The addresses in the recorder's latest LIST CLIENT reading. */
function clientAddresses(site: Site): string[] {
  const latest = site.timeline.filter('clients').at(-1)?.detail ?? '';
  return /\[(.*)\]/.exec(latest)![1]!.split(', ').filter(Boolean).sort();
}

describeNetns(`hosts in their own network namespaces${reason ? ` [${reason}]` : ''}`, () => {
  it('show distinct addresses; a partitioned host keeps its login, shuts down after DEADTIME, and the primary waits HOSTSYNC for it', async () => {
    expect(reason, 'network namespaces (NUT_NETNS=required)').toBeUndefined();
    const deadTime = 3;
    const hostSync = 5;
    const site = siteForTest(
      { secondaries: 2, netns: true, timers: { deadTime, hostSync } },
      sites,
    );
    await site.start();
    expect(site.network?.kind).toBe('netns');
    const addresses = site.hosts.map((host) => host.spec.address).sort();
    expect(new Set(addresses).size).toBe(3);
    await site.readNow();
    expect(clientAddresses(site)).toEqual(addresses);

    await site.mainsOff();
    await site.waitForNotify('secondary-1', 'ONBATT', 10_000);
    const cutAt = Date.now();
    await site.cutOff('secondary-1');

    // A real partition: the host cannot reach upsd, so it treats the UPS on battery as
    // critical after DEADTIME and shuts down; its connection never closed, so upsd still
    // counts it and lists its address.
    await site.hosts[1]!.process!.exited;
    await site.refresh();
    const shutdown = site.timeline.filter('shutdown', 'secondary-1')[0];
    expect(shutdown).toBeDefined();
    expect(shutdown!.at - cutAt).toBeGreaterThanOrEqual(deadTime * 1000 - 1000);
    await site.readNow();
    expect(site.timeline.filter('count').at(-1)?.count).toBe(3);
    expect(clientAddresses(site)).toContain(site.hosts[1]!.spec.address);
    expect(site.primary.process!.running).toBe(true);
    expect(site.hosts[2]!.process!.running).toBe(true);

    // The battery runs low: secondary-2 leaves, but the partitioned host's stale login keeps
    // the count at 2, so the primary goes on only when HOSTSYNC expires.
    await site.lowBattery();
    await site.waitForHostsDown(60_000);
    const fsd = site.timeline.filter('status').find((e) => /\bFSD\b/.test(e.detail));
    const primaryShutdown = site.timeline.filter('shutdown', 'primary')[0];
    expect(fsd).toBeDefined();
    expect(primaryShutdown).toBeDefined();
    expect(site.timeline.filter('shutdown', 'secondary-2')).toHaveLength(1);
    expect(primaryShutdown!.at - fsd!.at).toBeGreaterThanOrEqual(hostSync * 1000 - 1000);
    const countsAfterFsd = site.timeline
      .filter('count')
      .filter((e) => e.at >= fsd!.at && e.at <= primaryShutdown!.at)
      .map((e) => e.count);
    expect(countsAfterFsd.at(-1)).toBe(2);
    expect(countsAfterFsd).not.toContain(1);
  });
});
