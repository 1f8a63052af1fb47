import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { plainSocketFd, replyWriter } from './direct-write.js';
import { receive, tcpPair } from './test/tcp-pair.js';

let pair: Awaited<ReturnType<typeof tcpPair>> | undefined;
afterEach(() => pair?.close());

describe('replyWriter', () => {
  it('finds the descriptor of a plain TCP socket on this Node, and none for TLS', async () => {
    pair = await tcpPair();
    expect(plainSocketFd(pair.accepted)).toBeGreaterThanOrEqual(0);
    expect(plainSocketFd(new TLSSocket(new Socket()))).toBeUndefined();
    expect(plainSocketFd(new Socket())).toBeUndefined();
  });

  it('delivers a reply written straight to the kernel, UTF-8 intact', async () => {
    pair = await tcpPair();
    const text = 'VAR ups ups.mfr "Société Électrique ⚡"\n';
    const got = receive(pair.client, Buffer.byteLength(text));
    expect(replyWriter(pair.accepted)(text)).toBe(true);
    expect((await got).toString('utf8')).toBe(text);
    expect(pair.accepted.writableLength).toBe(0);
  });

  it('keeps replies in order while the stream still holds older ones and the kernel drains', async () => {
    pair = await tcpPair();
    pair.client.pause();
    const write = replyWriter(pair.accepted);
    const lines = Array.from({ length: 40_000 }, (_, i) => `${i} ${'x'.repeat(500 + (i % 7))}\n`);
    const expected = lines.join('');
    for (const line of lines.slice(0, 20_000)) write(line);
    // The client read nothing: the kernel took what it could, the stream queued the rest.
    expect(pair.accepted.writableLength).toBeGreaterThan(0);
    const got = receive(pair.client, expected.length);
    pair.client.resume();
    // The rest arrives while the kernel drains, a batch per event loop turn.
    for (let i = 20_000; i < lines.length; i += 200) {
      for (const line of lines.slice(i, i + 200)) write(line);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await got).toString('latin1')).toBe(expected);
  });

  it('leaves a write to a client that has gone to the stream, which reports it', async () => {
    pair = await tcpPair();
    const accepted = pair.accepted;
    const write = replyWriter(accepted);
    const errored = new Promise((resolve) => accepted.once('error', resolve));
    pair.client.destroy();
    await new Promise((resolve) => accepted.once('end', resolve).resume());
    write('VAR ups ups.status "OL"\n');
    expect(await errored).toMatchObject({ code: 'EPIPE' });
  });
});
