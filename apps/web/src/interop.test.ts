import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_DEV, describeInterop, startNutSite, waitFor, type NutSite } from '@nut-ts/testkit';
import { createWeb, type NutWeb } from './create-web.js';
import type { WebEvent } from './ups-state.js';

describeInterop("nut-web against Debian's upsd 2.8.0", () => {
  let site: NutSite;
  let web: NutWeb;
  let base: string;

  beforeAll(async () => {
    site = await startNutSite();
    await site.waitForStatus();
    web = createWeb({
      servers: [{ id: 'nut', host: '127.0.0.1', port: site.port }],
      listen: { host: '127.0.0.1', port: 0 },
      pollMs: 200,
    });
    base = `http://127.0.0.1:${(await web.listen()).port}`;
  }, 30_000);
  afterAll(async () => {
    await web?.close();
    await site?.stop();
  });

  it('serves the UPS, its metrics, and pushes a status change', async () => {
    await waitFor(
      async () =>
        ((await (await fetch(`${base}/api/ups`)).json()) as Array<{ status?: string }>)[0]
          ?.status === 'OL',
      { what: 'UPS in nut-web' },
    );
    expect(await (await fetch(`${base}/metrics`)).text()).toContain(
      'network_ups_tools_ups_status{server="nut",ups="dummy",flag="OL"} 1',
    );
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws`);
    const events: WebEvent[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data)) as WebEvent));
    await waitFor(() => events[0]?.type === 'snapshot', { what: 'snapshot' });
    writeFileSync(
      join(site.confPath, 'dummy.dev'),
      DEFAULT_DEV.replace('ups.status: OL', 'ups.status: OB'),
    );
    const change = await waitFor(() => events.find((e) => e.type === 'status'), {
      what: 'status event',
      timeoutMs: 10_000,
    });
    expect(change).toMatchObject({ server: 'nut', name: 'dummy', to: 'OB' });
    // NUT's upsd does not know NUTTS-WATCH: nut-web noticed and reads it by polling only.
    await waitFor(
      async () =>
        ((await (await fetch(`${base}/api/servers`)).json()) as Array<{ push: string }>)[0]
          ?.push === 'unsupported',
      { what: 'push marked unsupported' },
    );
    const post = await fetch(`${base}/api/ups/nut/dummy/set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        variable: 'ups.load',
        value: '44',
        username: 'admin',
        password: 'adminpass',
      }),
    });
    expect(await post.json()).toMatchObject({ result: 'SUCCESS' });
    socket.close();
  }, 30_000);
});
