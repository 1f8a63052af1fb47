import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop, startNutSite, waitFor, type NutSite } from '@nut-ts/testkit';
import { NutClient } from './nut-client.js';

describeInterop("NutClient against Debian's upsd 2.8.0", () => {
  let site: NutSite;
  const clients: NutClient[] = [];
  const open = async (options = {}) => {
    const client = new NutClient({
      host: '127.0.0.1',
      port: site.port,
      reconnect: false,
      ...options,
    });
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    site = await startNutSite();
    await site.waitForStatus();
  }, 30_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await site?.stop();
  });

  it('reads everything a client can read', async () => {
    const client = await open();
    expect(await client.ver()).toMatch(/^Network UPS Tools upsd 2\.8\.0/);
    expect(await client.netver()).toBe('1.3');
    expect(await client.protver()).toBe('1.3');
    expect(await client.help()).toMatch(/^Commands: /);
    expect(await client.listUps()).toEqual([{ name: 'dummy', description: 'Dummy UPS for tests' }]);
    const vars = await client.listVar('dummy');
    expect(vars.find((v) => v.name === 'battery.charge')?.value).toBe('100');
    expect(await client.getVar('dummy', 'ups.status')).toBe('OL');
    expect(await client.getType('dummy', 'battery.charge')).toMatchObject({
      rw: true,
      number: true,
    });
    expect(await client.getDesc('dummy', 'ups.status')).toBe('UPS status');
    expect(await client.getCmdDesc('dummy', 'load.off')).toBe('Turn off the load immediately');
    expect(await client.getUpsDesc('dummy')).toBe('Dummy UPS for tests');
    expect(await client.listCmd('dummy')).toEqual(['load.off']);
    expect((await client.listRw('dummy')).length).toBeGreaterThan(5);
    expect(await client.listEnum('dummy', 'ups.status')).toEqual([]);
    await expect(client.getVar('dummy', 'no.such.var')).rejects.toMatchObject({
      code: 'VAR-NOT-SUPPORTED',
    });
    await expect(client.getVar('nope', 'ups.status')).rejects.toMatchObject({
      code: 'UNKNOWN-UPS',
    });
  });

  it('counts LOGINs in NUMLOGINS and lists the clients', async () => {
    const reader = await open();
    const before = await reader.getNumLogins('dummy');
    const secondary = await open({
      credentials: { username: 'upsmon_secondary', password: 'secpass' },
      login: 'dummy',
    });
    const primary = await open({
      credentials: { username: 'upsmon_primary', password: 'pripass' },
      login: 'dummy',
      primary: true,
    });
    expect(await reader.getNumLogins('dummy')).toBe(before + 2);
    expect(await reader.listClient('dummy')).toContain('127.0.0.1');
    await secondary.close();
    await waitFor(async () => (await reader.getNumLogins('dummy')) === before + 1, {
      what: 'count to drop',
    });
    await primary.close();
  });

  it('answers LOGOUT with OK Goodbye and does not know GET NUMATTACH', async () => {
    const client = await open();
    await expect(client.getNumAttach('dummy')).rejects.toMatchObject({
      name: 'NutError',
      code: 'INVALID-ARGUMENT',
    });
    const closed = new Promise((resolve) => client.once('disconnect', resolve));
    await client.logout();
    await closed;
    expect(client.connected).toBe(false);
  });

  it('refuses a bad password at LOGIN, not before', async () => {
    const client = await open();
    await client.username('upsmon_secondary');
    await client.password('wrong');
    await expect(client.login('dummy')).rejects.toMatchObject({ code: 'ACCESS-DENIED' });
  });

  it('sets variables with tracking and runs instant commands', async () => {
    const client = await open({ credentials: { username: 'admin', password: 'adminpass' } });
    expect(await client.getTrackingMode()).toBe(false);
    await client.setTracking(true);
    expect(await client.getTrackingMode()).toBe(true);
    const { trackingId } = await client.setVar('dummy', 'ups.load', '42');
    expect(trackingId).toMatch(/^[0-9A-F-]{36}$/);
    await waitFor(async () => (await client.getTracking(trackingId!)) !== 'PENDING', {
      what: 'tracking result',
    });
    await waitFor(async () => (await client.getVar('dummy', 'ups.load')) === '42', {
      what: 'ups.load 42',
    });
    const command = await client.instcmd('dummy', 'load.off');
    expect(command.trackingId).toBeDefined();
    await expect(client.instcmd('dummy', 'beeper.off')).rejects.toMatchObject({
      code: 'CMD-NOT-SUPPORTED',
    });
  });

  it('logs in again after upsd restarts', async () => {
    const reader = await open();
    const monitor = new NutClient({
      host: '127.0.0.1',
      port: site.port,
      credentials: { username: 'upsmon_secondary', password: 'secpass' },
      login: 'dummy',
      reconnect: { minDelayMs: 100, maxDelayMs: 500 },
    });
    clients.push(monitor);
    await monitor.connect();
    const before = await reader.getNumLogins('dummy');
    const reconnected = new Promise<void>((resolve) => monitor.once('reconnect', resolve));
    await site.upsd!.stop();
    await site.startUpsd();
    await reconnected;
    const fresh = await open();
    await waitFor(async () => (await fresh.getNumLogins('dummy').catch(() => -1)) >= 1, {
      what: 'count restored',
    });
    expect(before).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('sets FSD, shown as the FSD prefix of ups.status', async () => {
    await site.waitForStatus();
    const client = await open({ credentials: { username: 'upsmon_primary', password: 'pripass' } });
    await client.primary('dummy');
    await client.fsd('dummy');
    expect(await client.getVar('dummy', 'ups.status')).toBe('FSD OL');
  });
});
