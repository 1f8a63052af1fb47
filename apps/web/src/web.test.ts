import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@nut-ts/testkit';
import { closeWebSites, listenWeb, startWebSite, subscribe } from './test/web-fixture.js';

afterEach(closeWebSites);

/** nut-web in front of our upsd, polling every 100 ms. */
const start = () => startWebSite({ pollMs: 100 });

describe('nut-web against our upsd', () => {
  it('serves servers, UPSes, one UPS in full, the OpenAPI file and the dashboard', async () => {
    const { base } = await start();
    expect(await (await fetch(`${base}/api/servers`)).json()).toEqual([
      expect.objectContaining({ id: 'local', connected: true }),
    ]);
    expect(await (await fetch(`${base}/api/ups`)).json()).toEqual([
      { server: 'local', name: 'ups', description: 'Test UPS', status: 'OL', numLogins: 0 },
    ]);
    const ups = (await (await fetch(`${base}/api/ups/local/ups`)).json()) as {
      vars: Record<string, string>;
      commands: string[];
    };
    expect(ups.vars['battery.charge']).toBe('100');
    expect(ups.commands).toEqual(['load.off']);
    expect((await fetch(`${base}/api/ups/local/nope`)).status).toBe(404);
    expect(await (await fetch(`${base}/api/ups/local/ups/rw`)).json()).toEqual([
      {
        name: 'battery.charge',
        value: '100',
        description: 'Battery charge (percent of full)',
        type: 'RANGE',
        ranges: [{ min: 0, max: 100 }],
      },
      {
        name: 'ups.id',
        value: 'rack 1',
        description: 'UPS system identifier',
        type: 'STRING',
        maxLength: 8,
      },
    ]);
    expect(
      ((await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string }).openapi,
    ).toBe('3.0.3');
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('<script src="/app.js"></script>');
    expect(page).not.toMatch(/https?:\/\//);
    expect((await fetch(`${base}/../package.json`)).status).toBe(404);
  });

  it('exposes Prometheus metrics with nut_exporter names and the active count', async () => {
    const { base } = await start();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('network_ups_tools_battery_charge{server="local",ups="ups"} 100');
    expect(metrics).toContain('network_ups_tools_ups_status{server="local",ups="ups",flag="OL"} 1');
    expect(metrics).toContain('network_ups_tools_active_count{server="local",ups="ups"} 0');
    expect(metrics).toContain('# TYPE network_ups_tools_server_up gauge');
  });

  it('pushes a snapshot, then status changes as they happen, over the WebSocket', async () => {
    const { port, fixture: f } = await start();
    const { events } = await subscribe(port);
    f.driver.store.setInfo('ups.status', 'OB');
    const change = await waitFor(() => events.find((e) => e.type === 'status'), {
      what: 'status event',
      timeoutMs: 2000,
    });
    expect(change).toMatchObject({
      type: 'status',
      server: 'local',
      name: 'ups',
      from: 'OL',
      to: 'OB',
    });
  });

  it('runs instant commands with upsd credentials and refuses without them', async () => {
    const { base, fixture: f } = await start();
    const post = (body: object) =>
      fetch(`${base}/api/ups/local/ups/instcmd`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ command: 'load.off' })).status).toBe(401);
    expect((await post({ command: 'load.off', username: 'admin', password: 'wrong' })).status).toBe(
      403,
    );
    expect(
      (await fetch(`${base}/api/ups/local/ups/instcmd`, { method: 'POST', body: 'not json' }))
        .status,
    ).toBe(400);
    const smuggled = await post({
      command: 'load.off\nFSD ups',
      username: 'admin',
      password: 'adminpass',
    });
    expect(smuggled.status).toBe(400);
    expect(await smuggled.json()).toMatchObject({ error: expect.stringContaining('command') });
    expect(
      (await post({ command: 'load.off', username: 'admin\r\nFSD ups', password: 'x' })).status,
    ).toBe(400);
    expect(f.driver.received).toEqual([]);
    const ok = await post({ command: 'load.off', username: 'admin', password: 'adminpass' });
    expect(await ok.json()).toMatchObject({ result: 'SUCCESS' });
    expect(f.driver.received).toContain('INSTCMD load.off');
  });

  it('reports a server it cannot reach, and connects once it is there', async () => {
    const { base } = await listenWeb([{ id: 'gone', host: '127.0.0.1', port: 1 }], 100);
    await waitFor(
      async () =>
        ((await (await fetch(`${base}/api/servers`)).json()) as Array<{ error?: string }>)[0]
          ?.error,
      { what: 'connection error reported' },
    );
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('network_ups_tools_server_up{server="gone"} 0');
  });
});
