import { afterEach, describe, expect, it } from 'vitest';
import { NutClient } from '@nut-ts/client';
import { waitFor } from '@nut-ts/testkit';
import { closeWebSites, startWebSite, subscribe } from './test/web-fixture.js';

afterEach(closeWebSites);

/** nut-web in front of our upsd, polling only once an hour: anything faster is pushed. */
async function startWithoutPolls() {
  const { base, port, fixture } = await startWebSite({ pollMs: 3_600_000, livePush: true });
  const { events } = await subscribe(port);
  return { base, events, fixture };
}

describe('live push from our upsd (NUTTS-WATCH)', () => {
  it('sends a driver change to WebSocket subscribers without waiting for a poll', async () => {
    const { events, fixture: f } = await startWithoutPolls();
    f.driver.store.setInfo('battery.charge', '37');
    f.driver.store.setInfo('ups.status', 'OB DISCHRG');
    const status = await waitFor(() => events.find((e) => e.type === 'status'), {
      what: 'pushed status event',
    });
    expect(status).toMatchObject({ server: 'local', name: 'ups', from: 'OL', to: 'OB DISCHRG' });
    const updates = events.flatMap((e) => (e.type === 'ups-updated' ? [e.changed] : []));
    expect(updates).toEqual(
      expect.arrayContaining([{ 'battery.charge': '37' }, { 'ups.status': 'OB DISCHRG' }]),
    );
  });

  it('tells subscribers when the live push stops (the dashboard then shows "polled")', async () => {
    const { events, fixture: f } = await startWithoutPolls();
    expect(events[0]).toMatchObject({ type: 'snapshot', servers: [{ push: 'active' }] });
    await f.close();
    const stopped = await waitFor(() => events.find((e) => e.type === 'push'), {
      what: 'push event',
    });
    expect(stopped).toEqual({ type: 'push', server: 'local', push: 'off' });
  });

  it('keeps the REST view in step with pushed changes', async () => {
    const { base, events, fixture: f } = await startWithoutPolls();
    f.driver.store.setInfo('ups.status', 'OB');
    await waitFor(() => events.find((e) => e.type === 'status'), { what: 'pushed status' });
    const ups = (await (await fetch(`${base}/api/ups/local/ups`)).json()) as {
      vars: Record<string, string>;
    };
    expect(ups.vars['ups.status']).toBe('OB');
  });

  it('sends a change of the active count (a host logging in) without waiting for a poll', async () => {
    const { events, fixture: f } = await startWithoutPolls();
    const host = new NutClient({
      host: '127.0.0.1',
      port: f.port,
      reconnect: false,
      credentials: { username: 'mon', password: 'monpass' },
    });
    await host.connect();
    await host.login('ups');
    const counted = await waitFor(
      () => events.find((e) => e.type === 'ups-updated' && e.ups.numLogins === 1),
      { what: 'the pushed count' },
    );
    expect(counted).toMatchObject({ ups: { name: 'ups', numLogins: 1 } });
    await host.close();
    await waitFor(() => events.some((e) => e.type === 'ups-updated' && e.ups.numLogins === 0), {
      what: 'the count after the host left',
    });
  });

  it('reads the UPS again when the driver goes away and comes back', async () => {
    const { events, fixture: f } = await startWithoutPolls();
    await f.driver.stop();
    const gone = await waitFor(
      () => events.find((e) => e.type === 'ups-updated' && e.ups.error !== undefined),
      { what: 'driver loss pushed' },
    );
    expect(gone).toMatchObject({ ups: { error: 'DRIVER-NOT-CONNECTED' } });
    await f.driver.start();
    await waitFor(
      () =>
        events.some(
          (e) =>
            e.type === 'ups-updated' &&
            e.ups.error === undefined &&
            e.ups.vars['ups.status'] === 'OL' &&
            events.indexOf(e) > events.indexOf(gone!),
        ),
      { what: 'driver return pushed' },
    );
  });
});
