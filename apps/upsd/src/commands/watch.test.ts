import { once } from 'node:events';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { replay, startReady } from '../test/transcript.js';
import type { Fixture } from '../test/upsd-fixture.js';

let fixture: Fixture | undefined;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
  await fixture?.close();
  fixture = undefined;
});

/** A connection read line by line, pushed lines included. */
async function openLines(port: number) {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const lines = createInterface({ input: socket })[Symbol.asyncIterator]();
  cleanup.push(() => socket.destroy());
  return {
    socket,
    async request(line: string): Promise<string> {
      socket.write(`${line}\n`);
      return this.next();
    },
    async next(): Promise<string> {
      const { value, done } = await lines.next();
      if (done) throw new Error('connection closed');
      return value;
    },
  };
}

describe('NUTTS-WATCH (push extension)', () => {
  it('pushes a driver change to the watcher, between ordinary replies', async () => {
    fixture = await startReady();
    const watcher = await openLines(fixture.port);
    expect(await watcher.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    fixture.driver.store.setInfo('ups.status', 'OB LB');
    expect(await watcher.next()).toBe('NUTTS-CHANGE VAR ups ups.status "OB LB"');
    fixture.driver.store.delInfo('ups.mode');
    expect(await watcher.next()).toBe('NUTTS-CHANGE DELVAR ups ups.mode');
    expect(await watcher.request('GET VAR ups ups.status')).toBe('VAR ups ups.status "OB LB"');
  });

  it('escapes values as GET VAR does and shows the FSD latch', async () => {
    fixture = await startReady();
    const watcher = await openLines(fixture.port);
    expect(await watcher.request('nutts-watch UPS')).toBe('OK NUTTS-WATCH ups');
    fixture.driver.store.setInfo('device.model', 'say "hi" \\ there');
    expect(await watcher.next()).toBe(
      'NUTTS-CHANGE VAR ups device.model "say \\"hi\\" \\\\ there"',
    );
    const admin = await openLines(fixture.port);
    for (const line of ['USERNAME admin', 'PASSWORD adminpass'])
      expect(await admin.request(line)).toBe('OK');
    expect(await admin.request('FSD ups')).toBe('OK FSD-SET');
    expect(await watcher.next()).toBe('NUTTS-CHANGE VAR ups ups.status "FSD OL"');
  });

  it('tells the watcher when the driver goes away and comes back', async () => {
    fixture = await startReady();
    const watcher = await openLines(fixture.port);
    expect(await watcher.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    await fixture.driver.stop();
    expect(await watcher.next()).toBe('NUTTS-CHANGE STATE ups disconnected');
    await fixture.driver.start();
    expect(await watcher.next()).toBe('NUTTS-CHANGE STATE ups connected');
  });

  it('stops after NUTTS-UNWATCH, and only the watchers hear of changes', async () => {
    fixture = await startReady();
    const quiet = await openLines(fixture.port);
    const watcher = await openLines(fixture.port);
    expect(await quiet.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    expect(await quiet.request('NUTTS-UNWATCH ups')).toBe('OK NUTTS-UNWATCH ups');
    expect(await watcher.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    expect(await watcher.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    fixture.driver.store.setInfo('battery.charge', '42');
    // Both connections were written to in the same turn: the watcher's line proves the push
    // happened, so anything for `quiet` would now come before its next reply.
    expect(await watcher.next()).toBe('NUTTS-CHANGE VAR ups battery.charge "42"');
    expect(await quiet.request('GET VAR ups battery.charge')).toBe('VAR ups battery.charge "42"');
  });

  it('tells the watcher each change of the active count', async () => {
    fixture = await startReady();
    const watcher = await openLines(fixture.port);
    expect(await watcher.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    const logIn = async (user: string, password: string) => {
      const client = await openLines(fixture!.port);
      for (const line of [`USERNAME ${user}`, `PASSWORD ${password}`, 'LOGIN ups'])
        expect(await client.request(line)).toMatch(/^OK/);
      return client;
    };
    const primary = await logIn('mon', 'monpass');
    expect(await watcher.next()).toBe('NUTTS-CHANGE NUMLOGINS ups 1');
    const secondary = await logIn('sec', 'secpass');
    expect(await watcher.next()).toBe('NUTTS-CHANGE NUMLOGINS ups 2');
    expect(await secondary.request('LOGOUT')).toBe('OK Goodbye');
    expect(await watcher.next()).toBe('NUTTS-CHANGE NUMLOGINS ups 1');
    // A connection that just ends (a host that lost power) ends its login too.
    primary.socket.destroy();
    expect(await watcher.next()).toBe('NUTTS-CHANGE NUMLOGINS ups 0');
    // A connection without a login changes nothing.
    const reader = await openLines(fixture.port);
    expect(await reader.request('GET NUMLOGINS ups')).toBe('NUMLOGINS ups 0');
    reader.socket.destroy();
    await once(reader.socket, 'close');
    expect(await watcher.request('GET NUMLOGINS ups')).toBe('NUMLOGINS ups 0');
  });

  it('refuses an unknown UPS and a wrong argument count', async () => {
    fixture = await startReady();
    expect(
      await replay(fixture.port, [
        'NUTTS-WATCH nope',
        'NUTTS-WATCH',
        'NUTTS-WATCH ups extra',
        'NUTTS-UNWATCH nope',
      ]),
    ).toEqual([
      'ERR UNKNOWN-UPS\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR UNKNOWN-UPS\n',
    ]);
  });

  it('keeps serving other clients after a watcher disconnects', async () => {
    fixture = await startReady();
    const watcher = await openLines(fixture.port);
    expect(await watcher.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    watcher.socket.destroy();
    await once(watcher.socket, 'close');
    const other = await openLines(fixture.port);
    expect(await other.request('NUTTS-WATCH ups')).toBe('OK NUTTS-WATCH ups');
    fixture.driver.store.setInfo('ups.status', 'OB');
    expect(await other.next()).toBe('NUTTS-CHANGE VAR ups ups.status "OB"');
  });
});
