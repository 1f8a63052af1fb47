import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { NutClient } from '@nut-ts/client';
import { waitFor } from '@nut-ts/testkit';
import { RawSession } from './test/raw-session.js';
import { makeCertificate, startFixture, type Fixture } from './test/upsd-fixture.js';

const open: Array<{ close(): unknown }> = [];
let fixture: Fixture | undefined;
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
  await fixture?.close();
  fixture = undefined;
});

async function client(f: Fixture, options: ConstructorParameters<typeof NutClient>[0] = {}) {
  const c = new NutClient({ host: '127.0.0.1', port: f.port, reconnect: false, ...options });
  open.push(c);
  await c.connect();
  return c;
}

async function ready(f: Fixture) {
  const c = await client(f);
  await waitFor(async () => (await c.getVar('ups', 'ups.status').catch(() => 'WAIT')) !== 'WAIT', {
    what: 'driver data',
  });
  return c;
}

describe('upsd with a driver over its real socket', () => {
  it('serves the driver data, forwards SET and INSTCMD with TRACKING', async () => {
    fixture = await startFixture();
    const reader = await ready(fixture);
    expect(await reader.listVar('ups')).toEqual([
      { name: 'battery.charge', value: '100' },
      { name: 'ups.id', value: 'rack 1' },
      { name: 'ups.status', value: 'OL' },
    ]);
    expect(await reader.getType('ups', 'ups.id')).toMatchObject({ rw: true, string: 8 });
    expect(await reader.listRange('ups', 'battery.charge')).toEqual([{ min: 0, max: 100 }]);
    const admin = await client(fixture, {
      credentials: { username: 'admin', password: 'adminpass' },
    });
    await admin.setTracking(true);
    const { trackingId } = await admin.setVar('ups', 'ups.id', 'rack 2');
    await waitFor(async () => (await admin.getTracking(trackingId!)) === 'SUCCESS', {
      what: 'SET result',
    });
    expect(await reader.getVar('ups', 'ups.id')).toBe('rack 2');
    await expect(admin.setVar('ups', 'ups.id', 'far too long')).rejects.toMatchObject({
      code: 'TOO-LONG',
    });
    await expect(admin.setVar('ups', 'battery.charge', '101')).rejects.toMatchObject({
      code: 'INVALID-VALUE',
    });
    const cmd = await admin.instcmd('ups', 'load.off');
    await waitFor(async () => (await admin.getTracking(cmd.trackingId!)) === 'SUCCESS', {
      what: 'INSTCMD result',
    });
    expect(fixture.driver.received).toEqual(['SET ups.id rack 2', 'INSTCMD load.off']);
  });

  it('counts LOGINs, forgets closed connections, lists clients newest first', async () => {
    fixture = await startFixture();
    const reader = await ready(fixture);
    const a = await client(fixture, {
      credentials: { username: 'sec', password: 'secpass' },
      login: 'ups',
    });
    await client(fixture, {
      credentials: { username: 'mon', password: 'monpass' },
      login: 'ups',
      primary: true,
    });
    expect(await reader.getNumLogins('ups')).toBe(2);
    expect(await reader.listClient('ups')).toEqual(['127.0.0.1', '127.0.0.1']);
    await a.close();
    await waitFor(async () => (await reader.getNumLogins('ups')) === 1, { what: 'count 1' });
  });

  it('recovers by itself when the driver dies and returns; the active count is unchanged', async () => {
    fixture = await startFixture();
    const reader = await ready(fixture);
    await client(fixture, { credentials: { username: 'sec', password: 'secpass' }, login: 'ups' });
    await fixture.driver.stop();
    await waitFor(
      async () =>
        (await reader.getVar('ups', 'ups.status').catch((e: { code: string }) => e.code)) ===
        'DRIVER-NOT-CONNECTED',
      {
        what: 'DRIVER-NOT-CONNECTED',
      },
    );
    fixture.driver.store.setInfo('ups.status', 'OB');
    await fixture.driver.start();
    await waitFor(async () => (await reader.getVar('ups', 'ups.status').catch(() => '')) === 'OB', {
      what: 'fresh data',
    });
    expect(await reader.getNumLogins('ups')).toBe(1);
  });

  it('goes stale on DATASTALE or silence past MAXAGE, fresh again on DATAOK', async () => {
    fixture = await startFixture();
    const reader = await ready(fixture);
    fixture.driver.store.setStale(true);
    await waitFor(
      async () =>
        (await reader.getVar('ups', 'ups.status').catch((e: { code: string }) => e.code)) ===
        'DATA-STALE',
      { what: 'stale' },
    );
    await expect(reader.getNumLogins('ups')).rejects.toMatchObject({ code: 'DATA-STALE' });
    fixture.driver.store.setStale(false);
    await waitFor(async () => (await reader.getVar('ups', 'ups.status').catch(() => '')) === 'OL', {
      what: 'fresh',
    });
  });

  it('keeps answering a good client while others send garbage, floods, half lines or nothing', async () => {
    fixture = await startFixture();
    const good = await ready(fixture);
    const bad = await RawSession.open(fixture.port);
    bad.socket.write(Buffer.alloc(200_000, 0xff));
    bad.socket.write(`${'A'.repeat(100_000)} "unterminated`);
    const silent = await RawSession.open(fixture.port);
    const half = await RawSession.open(fixture.port);
    half.socket.write('GET VAR ups');
    for (let i = 0; i < 20; i++) expect(await good.getVar('ups', 'ups.status')).toBe('OL');
    for (const s of [bad, silent, half]) s.close();
  });

  it('drops a client idle past the timeout and refuses connections over MAXCONN', async () => {
    fixture = await startFixture({ upsdConf: 'MAXCONN 2\n', deps: { idleTimeoutMs: 200 } });
    // A client that keeps talking is never dropped, however long it stays.
    const busy = await RawSession.open(fixture.port);
    for (let i = 0; i < 12; i++) {
      expect(await busy.send('NETVER\n')).toBe('1.3\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(busy.closed).toBe(false);
    busy.close();
    await new Promise((resolve) => busy.socket.once('close', resolve));
    const idle = await RawSession.open(fixture.port);
    await new Promise((resolve) => idle.socket.once('close', resolve));
    const one = await RawSession.open(fixture.port);
    const two = await RawSession.open(fixture.port);
    const three = await RawSession.open(fixture.port);
    await new Promise((resolve) => three.socket.once('close', resolve));
    expect(await one.send('NETVER\n')).toBe('1.3\n');
    for (const s of [one, two]) s.close();
  });

  it('reloads ups.conf: a new UPS appears, a removed one drops its logged-in clients', async () => {
    fixture = await startFixture();
    const reader = await ready(fixture);
    const mon = await client(fixture, {
      credentials: { username: 'sec', password: 'secpass' },
      login: 'ups',
    });
    fixture.upsd.reload(fixture.config('[other]\ndriver = fake\nport = none\n'));
    expect(await reader.listUps()).toEqual([
      { name: 'other', description: 'Description unavailable' },
    ]);
    await waitFor(() => !mon.connected, { what: 'logged-in client dropped' });
    expect(fixture.upsd.clientCount).toBe(1);
  });

  it('upgrades to TLS with STARTTLS and a PEM CERTFILE; the client verifies it', async () => {
    const { makeTempDir } = await import('@nut-ts/testkit');
    const dir = makeTempDir('nut-tls-');
    open.push({ close: () => dir.remove() });
    const { pemFile, certFile } = makeCertificate(dir.path);
    fixture = await startFixture({ upsdConf: `CERTFILE ${pemFile}\n` });
    const secure = await client(fixture, {
      tls: { mode: 'force', ca: readFileSync(certFile), servername: 'localhost' },
    });
    await waitFor(
      async () => (await secure.getVar('ups', 'ups.status').catch(() => 'WAIT')) !== 'WAIT',
      { what: 'data over TLS' },
    );
    expect(await secure.getVar('ups', 'battery.charge')).toBe('100');
    const raw = await RawSession.open(fixture.port);
    open.push(raw);
    expect(await raw.send('STARTTLS\n')).toBe('OK STARTTLS\n');
  });
  it('with TLS_REQUIRED, refuses everything but STARTTLS and the informational commands before TLS', async () => {
    const { makeTempDir } = await import('@nut-ts/testkit');
    const dir = makeTempDir('nut-tls-');
    open.push({ close: () => dir.remove() });
    const { pemFile, certFile } = makeCertificate(dir.path);
    fixture = await startFixture({ upsdConf: `CERTFILE ${pemFile}\nTLS_REQUIRED all\n` });
    const raw = await RawSession.open(fixture.port);
    open.push(raw);
    expect(await raw.send('GET VAR ups ups.status\n')).toBe('ERR TLS-NOT-ENABLED\n');
    expect(await raw.send('USERNAME admin\n')).toBe('ERR TLS-NOT-ENABLED\n');
    expect(await raw.send('NETVER\n')).toBe('1.3\n');
    const secure = await client(fixture, {
      tls: { mode: 'force', ca: readFileSync(certFile), servername: 'localhost' },
    });
    await waitFor(
      async () => (await secure.getVar('ups', 'ups.status').catch(() => 'WAIT')) !== 'WAIT',
      { what: 'data over TLS' },
    );
  });
});

describe('close()', () => {
  it('ends connected and logged-in clients and resolves (SIGTERM with upsmon attached)', async () => {
    const f = await startFixture();
    const logged = await client(f, {
      credentials: { username: 'sec', password: 'secpass' },
      login: 'ups',
    });
    const raw = await RawSession.open(f.port);
    await f.close();
    await waitFor(() => raw.closed && !logged.connected, { what: 'clients disconnected' });
  });
});

describe('password guessing', () => {
  it('is throttled per address and user after 10 failures; other users are not locked out', async () => {
    fixture = await startFixture();
    await ready(fixture);
    for (let i = 0; i < 10; i++) {
      const guess = await client(fixture, {
        credentials: { username: 'sec', password: `guess${i}` },
      });
      await expect(guess.login('ups')).rejects.toMatchObject({ code: 'ACCESS-DENIED' });
    }
    const right = await client(fixture, { credentials: { username: 'sec', password: 'secpass' } });
    await expect(right.login('ups')).rejects.toMatchObject({ code: 'ACCESS-DENIED' });
    const primary = await client(fixture, {
      credentials: { username: 'mon', password: 'monpass' },
    });
    await primary.login('ups');
  });
});
