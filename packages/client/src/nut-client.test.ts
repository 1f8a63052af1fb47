import { afterEach, describe, expect, it } from 'vitest';
import { NutError, TransportError } from '@nut-ts/core';
import { NutClient } from './nut-client.js';
import { fakeServer } from './fake-server.test-helper.js';
import { parseUpsId } from './ups-id.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function clientFor(answer: Parameters<typeof fakeServer>[0], options = {}) {
  const server = await fakeServer(answer);
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
  await client.connect();
  return { client, server };
}

describe('NutClient against a scripted server', () => {
  it('pipelines requests and matches replies in order, lists included', async () => {
    const { client } = await clientFor((line) => {
      if (line === 'GET VAR ups ups.status') return 'VAR ups ups.status "OB LB"\n';
      if (line === 'LIST UPS')
        return 'BEGIN LIST UPS\nUPS ups "A \\"quoted\\" UPS"\nEND LIST UPS\n';
      if (line === 'GET NUMLOGINS ups') return 'NUMLOGINS ups 3\n';
      return 'ERR UNKNOWN-COMMAND\n';
    });
    const [status, list, count, failure] = await Promise.all([
      client.getVar('ups', 'ups.status'),
      client.listUps(),
      client.getNumLogins('ups'),
      client.raw('FROB\n'),
    ]);
    expect(status).toBe('OB LB');
    expect(list).toEqual([{ name: 'ups', description: 'A "quoted" UPS' }]);
    expect(count).toBe(3);
    expect(failure).toEqual(['ERR UNKNOWN-COMMAND']);
  });

  it('rejects ERR replies with NutError and keeps the connection', async () => {
    const { client } = await clientFor((line) =>
      line.startsWith('GET VAR') ? 'ERR DATA-STALE\n' : 'NUMLOGINS ups 1\n',
    );
    await expect(client.getVar('ups', 'x')).rejects.toMatchObject({
      name: 'NutError',
      code: 'DATA-STALE',
    });
    expect(await client.getNumLogins('ups')).toBe(1);
  });

  it('times out, failing every pending request, and reports a protocol error on a wrong echo', async () => {
    const { client } = await clientFor(() => undefined, { requestTimeoutMs: 100 });
    const results = await Promise.allSettled([
      client.getVar('ups', 'a'),
      client.getVar('ups', 'b'),
    ]);
    expect(
      results.map((r) => r.status === 'rejected' && (r.reason as TransportError).code),
    ).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(client.connected).toBe(false);

    const other = await clientFor(() => 'VAR other ups.status "OL"\n');
    await expect(other.client.getVar('ups', 'ups.status')).rejects.toMatchObject({
      code: 'PROTOCOL-ERROR',
    });
  });

  it('fails cleanly when the server closes mid-list', async () => {
    const { client } = await clientFor((line, socket) => {
      socket.end('BEGIN LIST VAR ups\nVAR ups a "1"\n');
      return undefined;
    });
    await expect(client.listVar('ups')).rejects.toBeInstanceOf(TransportError);
  });

  it('falls back to MASTER when PRIMARY is unknown', async () => {
    const seen: string[] = [];
    const { client } = await clientFor((line) => {
      seen.push(line);
      if (line.startsWith('PRIMARY')) return 'ERR UNKNOWN-COMMAND\n';
      if (line.startsWith('MASTER')) return 'OK MASTER-GRANTED\n';
      return 'OK\n';
    });
    await client.primary('ups');
    expect(seen).toEqual(['PRIMARY ups', 'MASTER ups']);
  });

  it('reconnects and logs in again after the server drops it', async () => {
    const logins: string[] = [];
    const server = await fakeServer((line) => {
      if (line.startsWith('LOGIN')) logins.push(line);
      return line.startsWith('GET') ? 'NUMLOGINS ups 1\n' : 'OK\n';
    });
    const client = new NutClient({
      host: '127.0.0.1',
      port: server.port,
      credentials: { username: 'u', password: 'p' },
      login: 'ups',
      reconnect: { minDelayMs: 10, maxDelayMs: 50 },
    });
    cleanups.push(
      () => server.close(),
      () => client.close(),
    );
    await client.connect();
    const reconnected = new Promise<void>((resolve) => client.once('reconnect', resolve));
    for (const socket of server.sockets) socket.destroy();
    await reconnected;
    expect(logins).toEqual(['LOGIN ups', 'LOGIN ups']);
    expect(await client.getNumLogins('ups')).toBe(1);
  });

  it('reports connection failures as TransportError', async () => {
    const { port, close } = await fakeServer(() => undefined);
    await close();
    const client = new NutClient({ host: '127.0.0.1', port, reconnect: false });
    await expect(client.connect()).rejects.toMatchObject({ code: 'CONNECT-FAILED' });
  });

  it('quotes arguments that need it', async () => {
    const seen: string[] = [];
    const { client } = await clientFor((line) => {
      seen.push(line);
      return 'OK\n';
    });
    await client.setVar('ups', 'ups.id', 'a b "c"');
    expect(seen).toEqual(['SET VAR ups ups.id "a b \\"c\\""']);
    expect(NutError).toBeDefined();
  });
});

describe('parseUpsId', () => {
  it('parses NUT identifiers', () => {
    expect(parseUpsId('ups')).toEqual({ ups: 'ups', host: 'localhost', port: 3493 });
    expect(parseUpsId('ups@host:1234')).toEqual({ ups: 'ups', host: 'host', port: 1234 });
    expect(parseUpsId('ups@[::1]:13493')).toEqual({ ups: 'ups', host: '::1', port: 13493 });
    expect(() => parseUpsId('ups:3493')).toThrow();
    expect(() => parseUpsId('ups@host:99999')).toThrow();
  });
});
