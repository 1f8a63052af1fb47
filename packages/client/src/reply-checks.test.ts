import { afterEach, describe, expect, it } from 'vitest';
import { NutClient } from './nut-client.js';
import { fakeServer } from './fake-server.test-helper.js';
import type { NutClientOptions } from './nut-client-options.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A client of a scripted server that answers each request line from `replies` (and LOGOUT). */
async function scripted(replies: Record<string, string>, options: NutClientOptions = {}) {
  const seen: string[] = [];
  const server = await fakeServer((line) => {
    seen.push(line);
    return { LOGOUT: 'OK Goodbye\n', ...replies }[line];
  });
  const client = new NutClient({
    host: '127.0.0.1',
    port: server.port,
    reconnect: false,
    ...options,
  });
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { client, seen };
}

const protocolError = { name: 'TransportError', code: 'PROTOCOL-ERROR' };

describe('which OK came back', () => {
  it('LOGOUT wants OK Goodbye; a plain OK is a protocol error that closes the connection', async () => {
    const good = await scripted({ LOGOUT: 'OK Goodbye\n' });
    await good.client.connect();
    await expect(good.client.logout()).resolves.toBeUndefined();

    const bad = await scripted({ LOGOUT: 'OK\n' });
    await bad.client.connect();
    await expect(bad.client.logout()).rejects.toMatchObject(protocolError);
    expect(bad.client.connected).toBe(false);
  });

  it('STARTTLS wants OK STARTTLS; another OK fails the connect even in try mode', async () => {
    const { client } = await scripted({ STARTTLS: 'OK\n' }, { tls: { mode: 'try' } });
    await expect(client.connect()).rejects.toMatchObject(protocolError);
    expect(client.connected).toBe(false);
  });

  it('SET VAR and INSTCMD return the tracking id, and refuse other OKs', async () => {
    const { client } = await scripted({
      'SET VAR u ups.load "42"': 'OK TRACKING 1BD31808-CB49-4AEC-9D75-901C4B5C2A9F\n',
      'INSTCMD u load.off': 'OK\n',
      'INSTCMD u load.on': 'OK Goodbye\n',
    });
    await client.connect();
    expect(await client.setVar('u', 'ups.load', '42')).toEqual({
      trackingId: '1BD31808-CB49-4AEC-9D75-901C4B5C2A9F',
    });
    expect(await client.instcmd('u', 'load.off')).toEqual({});
    await expect(client.instcmd('u', 'load.on')).rejects.toMatchObject(protocolError);
  });

  it('PRIMARY takes OK PRIMARY-GRANTED or a bare OK; FSD wants OK FSD-SET', async () => {
    const { client } = await scripted({
      'PRIMARY a': 'OK PRIMARY-GRANTED\n',
      'PRIMARY b': 'OK\n',
      'FSD a': 'OK FSD-SET\n',
      'FSD b': 'OK\n',
    });
    await client.connect();
    await client.primary('a');
    await client.primary('b');
    await client.fsd('a');
    await expect(client.fsd('b')).rejects.toMatchObject(protocolError);
  });

  it('an extra reply line fails the requests pipelined behind it instead of shifting replies', async () => {
    let served = 0;
    const server = await fakeServer((line) => {
      if (line === 'USERNAME bob') return 'OK\nOK\n';
      served += 1;
      return `VAR u a "${served}"\n`;
    });
    const client = new NutClient({ host: '127.0.0.1', port: server.port, reconnect: false });
    cleanups.push(
      () => server.close(),
      () => client.close(),
    );
    await client.connect();
    const results = await Promise.allSettled([
      client.username('bob'),
      client.getVar('u', 'a'),
      client.getVar('u', 'a'),
    ]);
    expect(results[0].status).toBe('fulfilled');
    // Without the check on arrival, the third request would get the second one's "1".
    for (const result of results.slice(1)) {
      expect(result).toMatchObject({ status: 'rejected', reason: protocolError });
    }
    expect(client.connected).toBe(false);
  });
});

describe('NUMLOGINS and NUMATTACH', () => {
  it('accepts either reply word, and can ask with GET NUMATTACH', async () => {
    const { client, seen } = await scripted({
      'GET NUMLOGINS a': 'NUMLOGINS a 2\n',
      'GET NUMLOGINS b': 'NUMATTACH b 3\n',
      'GET NUMATTACH c': 'NUMATTACH c 4\n',
      'GET NUMLOGINS d': 'NUMLOGINS d many\n',
    });
    await client.connect();
    expect(await client.getNumLogins('a')).toBe(2);
    expect(await client.getNumLogins('b')).toBe(3);
    expect(await client.getNumAttach('c')).toBe(4);
    expect(seen).toContain('GET NUMATTACH c');
    await expect(client.getNumLogins('d')).rejects.toMatchObject(protocolError);
  });
});

describe('replies that do not fit', () => {
  it('a LIST answered by a single non-ERR line fails at once, not by timeout', async () => {
    const { client } = await scripted({ 'LIST VAR u': 'VAR u ups.status "OL"\n' });
    await client.connect();
    await expect(client.listVar('u')).rejects.toMatchObject(protocolError);
  });

  it('an over-long reply line is a protocol error', async () => {
    const { client } = await scripted({ 'GET VAR u v': `VAR u v "${'x'.repeat(70_000)}"\n` });
    await client.connect();
    await expect(client.getVar('u', 'v')).rejects.toMatchObject(protocolError);
  });

  it('tracking replies: mode, results, and junk', async () => {
    const { client } = await scripted({
      'GET TRACKING': 'ON\n',
      'GET TRACKING a': 'ERR FAILED\n',
      'GET TRACKING b': 'SUCCESS\n',
      'GET TRACKING c': 'DONE\n',
    });
    await client.connect();
    expect(await client.getTrackingMode()).toBe(true);
    expect(await client.getTracking('a')).toBe('FAILED');
    expect(await client.getTracking('b')).toBe('SUCCESS');
    await expect(client.getTracking('c')).rejects.toMatchObject(protocolError);
  });

  it('refuses arguments the wire cannot carry before sending anything', async () => {
    const { client, seen } = await scripted({ 'GET VAR u v': 'VAR u v "1"\n' });
    await client.connect();
    await expect(client.getVar('u', 'v\nFSD u')).rejects.toBeInstanceOf(RangeError);
    await expect(client.listVar('caf\u00e9')).rejects.toBeInstanceOf(RangeError);
    await expect(client.setVar('u', 'v', 'a\rb')).rejects.toBeInstanceOf(RangeError);
    await expect(client.raw('VER\nFSD u\n')).rejects.toBeInstanceOf(RangeError);
    expect(await client.getVar('u', 'v')).toBe('1');
    expect(seen).toEqual(['GET VAR u v']);
  });
});
