import { once } from 'node:events';
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { readChunks, stopReadingChunks } from './socket-reader.js';
import { tcpPair } from './test/tcp-pair.js';

const pairs: Array<Awaited<ReturnType<typeof tcpPair>>> = [];
afterEach(() => {
  for (const pair of pairs.splice(0)) pair.close();
});

async function pair(): Promise<Awaited<ReturnType<typeof tcpPair>>> {
  const made = await tcpPair();
  pairs.push(made);
  return made;
}

/** Collects what `readChunks` delivers, copied at once as the session's tokenizer does. */
function collect(socket: Socket): { text: () => string; shared: boolean } {
  let text = '';
  const shared = readChunks(socket, (chunk) => {
    text += chunk.toString('latin1');
  });
  return { text: () => text, shared };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe('readChunks', () => {
  it('reads a plain TCP socket into the shared buffer on this Node', async () => {
    const { accepted, client } = await pair();
    const got = collect(accepted);
    expect(got.shared).toBe(true);
    client.write('GET VAR ups ups.status\n');
    await until(() => got.text() === 'GET VAR ups ups.status\n');
  });

  it('gives each of several clients exactly its own bytes', async () => {
    const made = await Promise.all([pair(), pair(), pair()]);
    const got = made.map(({ accepted }) => collect(accepted));
    const expected = made.map((_, n) => `${n}`.repeat(100_000));
    made.forEach(({ client }, n) => client.write(expected[n]!));
    await until(() => got.every((g, n) => g.text().length === expected[n]!.length));
    got.forEach((g, n) => expect(g.text()).toBe(expected[n]));
  });

  it('delivers nothing while paused, then what was held once resumed', async () => {
    const { accepted, client } = await pair();
    const got = collect(accepted);
    accepted.pause();
    client.write('LIST UPS\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got.text()).toBe('');
    accepted.resume();
    await until(() => got.text() === 'LIST UPS\n');
  });

  it('still ends and closes the socket when the client goes', async () => {
    const { accepted, client } = await pair();
    const got = collect(accepted);
    const ended = once(accepted, 'end');
    const closed = once(accepted, 'close');
    client.end('LOGOUT\n');
    await Promise.all([ended, closed]);
    expect(got.text()).toBe('LOGOUT\n');
  });

  it('uses the data event for a TLS socket', () => {
    expect(readChunks(new TLSSocket(new Socket()), () => undefined)).toBe(false);
  });

  it('delivers nothing more to a reader that was stopped', async () => {
    const { accepted, client } = await pair();
    const got = collect(accepted);
    client.write('one\n');
    await until(() => got.text() === 'one\n');
    stopReadingChunks(accepted);
    const later = collect(accepted);
    client.write('two\n');
    await until(() => later.text() === 'two\n');
    expect(got.text()).toBe('one\n');
  });
});
