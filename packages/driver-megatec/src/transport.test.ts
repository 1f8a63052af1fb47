import { TransportError } from '@nut-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LineTransport, parseTcpPort, type LinkEvents } from './transport.js';
import { tcpLink } from './bindings/tcp.js';
import { MegatecUps } from './sim/megatec-ups.js';
import { serveOverTcp } from './sim/tcp-server.js';

/** A link whose far end the test plays: it sees what was written and answers by hand. */
function fakeLink() {
  const written: string[] = [];
  const links: LinkEvents[] = [];
  let flushes = 0;
  const transport = new LineTransport(async (events) => {
    links.push(events);
    return {
      write: async (bytes) => void written.push(bytes.toString('latin1')),
      flush: async () => void flushes++,
      close: async () => {},
    };
  });
  const answer = (text: string) => links.at(-1)!.data(Buffer.from(text, 'latin1'));
  return { transport, written, links, answer, flushes: () => flushes };
}

const Q1_REPLY = '(230.4 140.0 229.8 023 50.0 27.3 31.0 00000001';
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LineTransport', () => {
  it.each([
    ['whole', [`${Q1_REPLY}\r`]],
    ['byte by byte', [...`${Q1_REPLY}\r`]],
    ['with a CRLF left from the previous line', ['\n', `${Q1_REPLY}\r\n`]],
  ])('reads a reply fed %s', async (_how, chunks) => {
    const { transport, written, answer, flushes } = fakeLink();
    const reply = transport.query('Q1', 1000);
    await settle();
    expect(written).toEqual(['Q1\r']);
    expect(flushes()).toBe(1);
    for (const chunk of chunks) answer(chunk);
    await expect(reply).resolves.toBe(Q1_REPLY);
  });

  it('forgets bytes that arrived before the command, and keeps only the first line', async () => {
    const { transport, answer } = fakeLink();
    const first = transport.query('F', 1000);
    await settle();
    answer('#230.0 004 024.0 50.0\rstale junk');
    await expect(first).resolves.toBe('#230.0 004 024.0 50.0');
    const second = transport.query('I', 1000);
    await settle();
    answer('#nut-ts          SIM-1000   v1.0      \r');
    await expect(second).resolves.toBe('#nut-ts          SIM-1000   v1.0      ');
  });

  it('resolves undefined when no CR comes in time, and survives a flood without CR', async () => {
    const { transport, answer } = fakeLink();
    const reply = transport.query('Q1', 30);
    await settle();
    answer('\xff'.repeat(100_000));
    await expect(reply).resolves.toBeUndefined();
  });

  it('runs queries one at a time, in order', async () => {
    const { transport, written, answer } = fakeLink();
    const a = transport.query('Q1', 1000);
    const b = transport.query('F', 1000);
    await settle();
    expect(written).toEqual(['Q1\r']);
    answer('A\r');
    await expect(a).resolves.toBe('A');
    await settle();
    expect(written).toEqual(['Q1\r', 'F\r']);
    answer('B\r');
    await expect(b).resolves.toBe('B');
  });

  it('opens the link again after it went away, and refuses queries once closed', async () => {
    const { transport, links, answer } = fakeLink();
    const first = transport.query('Q1', 1000);
    await settle();
    answer('A\r');
    await first;
    links[0]!.closed();
    const second = transport.query('Q1', 1000);
    await settle();
    expect(links).toHaveLength(2);
    answer('B\r');
    await expect(second).resolves.toBe('B');
    await transport.close();
    await expect(transport.query('Q1', 10)).rejects.toBeInstanceOf(TransportError);
  });
});

describe('tcp:// ports', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('parses tcp://host:port, IPv6 in brackets', () => {
    expect(parseTcpPort('tcp://127.0.0.1:4001')).toEqual({ host: '127.0.0.1', port: 4001 });
    expect(parseTcpPort('tcp://[::1]:4001')).toEqual({ host: '::1', port: 4001 });
    expect(parseTcpPort('tcp://sim.local:4001/')).toEqual({ host: 'sim.local', port: 4001 });
    for (const bad of [
      '/dev/ttyS0',
      'tcp://host',
      'tcp://host:0',
      'tcp://host:70000',
      'tcp://::1:4001',
    ])
      expect(parseTcpPort(bad)).toBeUndefined();
  });

  it('reaches the simulator again after it restarted on the same port', async () => {
    const ups = new MegatecUps();
    let served = await serveOverTcp(ups);
    const { port } = served;
    const line = new LineTransport(tcpLink('127.0.0.1', port));
    closers.push(() => line.close());
    expect(await line.query('Q1', 1000)).toMatch(/^\(230\.4/);
    await served.close();
    // Gone: no reply, or a refused connection, depending on when the close is noticed.
    const gone: unknown = await line.query('Q1', 200).catch((error: unknown) => error);
    expect(gone === undefined || gone instanceof TransportError).toBe(true);
    served = await serveOverTcp(ups, { port });
    closers.push(() => served.close());
    expect(await line.query('Q1', 1000)).toMatch(/^\(230\.4/);
  });

  it('fails with CONNECT-FAILED when nothing listens', async () => {
    const served = await serveOverTcp(new MegatecUps());
    await served.close();
    const line = new LineTransport(tcpLink('127.0.0.1', served.port));
    await expect(line.query('Q1', 100)).rejects.toMatchObject({ code: 'CONNECT-FAILED' });
  });
});
