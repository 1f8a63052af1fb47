import { afterEach, expect, it } from 'vitest';
import { judgeShutdown, type Site } from '@nut-ts/sim';
import { describeInterop } from '@nut-ts/testkit';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describeInterop("a site whose secondaries mix our upsmon and Debian's NUT 2.8.0 upsmon", () => {
  it('shuts every secondary down before the primary, the real ones included', async () => {
    const site = siteForTest(
      { secondaries: 3, nutSecondaries: 2, timers: { hostSync: 30 } },
      sites,
    );
    await site.start();
    const real = site.secondaries.filter((host) => host.spec.program === 'nut');
    expect(real.map((host) => host.name)).toEqual(['secondary-2', 'secondary-3']);
    // NUT's own start-up lines (ours log JSON).
    for (const host of real) expect(host.process!.output()).toContain('Using power down flag file');
    expect(site.timeline.filter('count').at(-1)?.count).toBe(4);

    await site.powerCut(1500);
    await site.waitForHostsDown(60_000);
    const verdict = judgeShutdown(site);
    expect(verdict.findings.filter((line) => !line.startsWith('ok'))).toEqual([]);
    // NUT's secondaries write POWERDOWNFLAG too (its parent does, before SHUTDOWNCMD).
    for (const host of real) expect(host.wrotePowerDownFlag()).toBe(true);
  });
});
