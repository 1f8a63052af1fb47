import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NutClient } from '@nut-ts/client';
import { scale, waitFor } from '@nut-ts/testkit';
import { RawSession } from './test/raw-session.js';
import { startFixture, type Fixture } from './test/upsd-fixture.js';

let fixture: Fixture | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await fixture?.close();
  fixture = undefined;
});

/** Round trip of one GET VAR from a well-behaved client, in ms. */
async function probe(client: NutClient): Promise<number> {
  const start = performance.now();
  expect(await client.getVar('ups', 'ups.status')).toBe('OL');
  return performance.now() - start;
}

describe('upsd under abuse (scaled up by pnpm soak)', () => {
  it('keeps answering a good client while many connections flood it with junk, 1 MB lines and failed logins', async () => {
    fixture = await startFixture({ upsdConf: 'MAXCONN 20000\n' });
    const good = new NutClient({ host: '127.0.0.1', port: fixture.port, reconnect: false });
    await good.connect();
    await waitFor(async () => (await good.getVar('ups', 'ups.status').catch(() => '')) === 'OL', {
      what: 'data',
    });
    const connections = scale(300, 5000);
    for (let i = 0; i < connections; i++) {
      const socket = connect(fixture.port, '127.0.0.1');
      socket.on('error', () => {});
      sockets.push(socket);
      if (i % 3 === 0) socket.write(Buffer.alloc(4096, i % 256));
      else if (i % 3 === 1) socket.write('GET VAR ups "unterminated');
    }
    const flood = await RawSession.open(fixture.port);
    flood.socket.write(Buffer.alloc(1024 * 1024, 0x41));
    flood.socket.write('\n');
    const guesser = await RawSession.open(fixture.port);
    for (let i = 0; i < scale(100, 1000); i++)
      await guesser
        .send(`USERNAME u${i}\n`)
        .then(() => guesser.send('PASSWORD x\n'))
        .then(() => guesser.send('LOGIN ups\n'))
        .catch(() => '');
    const times: number[] = [];
    for (let i = 0; i < 20; i++) times.push(await probe(good));
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]!).toBeLessThan(100);
    await waitFor(() => fixture!.upsd.clientCount >= connections, {
      what: `${connections} connections held (${fixture!.upsd.clientCount} so far)`,
      timeoutMs: 30_000,
    });
    flood.close();
    guesser.close();
    await good.close();
  }, 120_000);
});
