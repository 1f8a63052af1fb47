import { afterEach, describe, expect, it } from 'vitest';
import { judgeShutdown, type Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('a power cut running to low battery', () => {
  for (const secondaries of [1, 3, 20]) {
    it(`shuts ${secondaries} secondaries down before the primary`, async () => {
      const site = siteForTest({ secondaries, timers: { hostSync: 30 } }, sites);
      await site.start();
      expect(site.timeline.filter('count').at(-1)?.count).toBe(secondaries + 1);
      await site.powerCut(1500);
      await site.waitForHostsDown(90_000);
      const verdict = judgeShutdown(site);
      expect(verdict.findings.filter((line) => !line.startsWith('ok'))).toEqual([]);
      const counts = site.timeline.filter('count').map((e) => e.count);
      expect(Math.max(...counts.map((c) => c ?? 0))).toBe(secondaries + 1);
      expect(counts).toContain(1);
      // NOTIFYCMD ran for each host with NOTIFYTYPE and the message (through upsmon's helper).
      for (const host of site.hosts) {
        const types = site.timeline.filter('notify', host.name).map((e) => e.detail);
        const expected =
          host.spec.role === 'primary' ? ['LOWBATT', 'SHUTDOWN'] : ['FSD', 'SHUTDOWN'];
        for (const type of expected)
          expect(types, host.name).toContainEqual(expect.stringMatching(new RegExp(`^${type} "`)));
      }
    });
  }
});
