import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFixture, type Fixture } from '@nut-ts/upsd/testing';
import { waitFor } from '@nut-ts/testkit';
import { createWeb, type NutWeb } from './create-web.js';
import type { WebEvent } from './ups-state.js';

let fixture: Fixture | undefined;
let web: NutWeb | undefined;
afterEach(async () => {
  await web?.close();
  await fixture?.close();
  web = undefined;
  fixture = undefined;
});

/** nut-web in front of our upsd, polling only once an hour: anything faster is pushed. */
async function startWithoutPolls() {
  fixture = await startFixture();
  web = createWeb({
    servers: [{ id: 'local', host: '127.0.0.1', port: fixture.port }],
    listen: { host: '127.0.0.1', port: 0 },
    pollMs: 3_600_000,
  });
  const { port } = await web.listen();
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      const [server] = (await (await fetch(`${base}/api/servers`)).json()) as Array<{
        push: string;
      }>;
      const [ups] = (await (await fetch(`${base}/api/ups`)).json()) as Array<{ status?: string }>;
      return server?.push === 'active' && ups?.status === 'OL';
    },
    { what: 'UPS data and live push in nut-web' },
  );
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const events: WebEvent[] = [];
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as WebEvent));
  await waitFor(() => events[0]?.type === 'snapshot', { what: 'snapshot' });
  return { base, socket, events, fixture };
}

describe('live push from our upsd (NUTTS-WATCH)', () => {
  it('sends a driver change to WebSocket subscribers without waiting for a poll', async () => {
    const { socket, events, fixture: f } = await startWithoutPolls();
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
    socket.close();
  });

  it('keeps the REST view in step with pushed changes', async () => {
    const { base, socket, events, fixture: f } = await startWithoutPolls();
    f.driver.store.setInfo('ups.status', 'OB');
    await waitFor(() => events.find((e) => e.type === 'status'), { what: 'pushed status' });
    const ups = (await (await fetch(`${base}/api/ups/local/ups`)).json()) as {
      vars: Record<string, string>;
    };
    expect(ups.vars['ups.status']).toBe('OB');
    socket.close();
  });

  it('reads the UPS again when the driver goes away and comes back', async () => {
    const { socket, events, fixture: f } = await startWithoutPolls();
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
    socket.close();
  });
});
