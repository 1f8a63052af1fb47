import { afterEach, describe, expect, it } from 'vitest';
import { NutClient } from '@nut-ts/client';
import { waitFor } from '@nut-ts/testkit';
import type { Site } from '@nut-ts/sim';
import { siteForTest, stopSites } from '../site-fixture.js';

const sites: Site[] = [];
const clients: NutClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
  await stopSites(sites);
});

describe('a driver that hangs (SIGSTOP) and comes back (SIGCONT)', () => {
  it('makes upsd say DATA-STALE after MAXAGE, then serve fresh data again by itself; the count is kept', async () => {
    // No hosts: this is about upsd and the driver. MAXAGE is 15 s in the site's upsd.conf.
    const site = siteForTest({ secondaries: 0 }, sites);
    await site.start();
    const client = new NutClient({
      host: '127.0.0.1',
      port: site.port,
      reconnect: false,
      requestTimeoutMs: 2000,
    });
    clients.push(client);
    await client.connect();
    const count = await client.getNumLogins('ups');
    site.driverProcess!.child.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await waitFor(
      async () =>
        (await client.getVar('ups', 'ups.status').catch((e: { code?: string }) => e.code)) ===
        'DATA-STALE',
      {
        what: 'DATA-STALE',
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(14_000);
    site.driverProcess!.child.kill('SIGCONT');
    site.ups.set({ 'ups.status': 'OB DISCHRG' });
    await waitFor(
      async () => (await client.getVar('ups', 'ups.status').catch(() => '')) === 'OB DISCHRG',
      {
        what: 'fresh data after SIGCONT',
        timeoutMs: 15_000,
      },
    );
    await waitFor(async () => (await client.getNumLogins('ups').catch(() => -1)) === count, {
      what: 'count kept',
    });
  }, 60_000);
});
