import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { makeTempDir, waitFor } from '@nut-ts/testkit';
import { DriverLink } from './driver-link.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A driver socket the test speaks for: it answers DUMPALL, then says only what it is told. */
async function scriptedDriver() {
  const dir = makeTempDir('nut-upsd-link-');
  const path = join(dir.path, 'scripted-ups');
  const received: string[] = [];
  const connections: Socket[] = [];
  const server: Server = createServer((socket) => {
    connections.push(socket);
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) {
        received.push(line);
        if (line === 'DUMPALL') socket.write('SETINFO ups.status "OL"\nDUMPDONE\n');
      }
    });
  });
  server.listen(path);
  await once(server, 'listening');
  cleanup.push(() => {
    for (const socket of connections) socket.destroy();
    server.close();
    dir.remove();
  });
  return { path, received, connections, latest: () => connections.at(-1)! };
}

function startLink(path: string, clock: ManualClock) {
  const link = new DriverLink({ socketPath: path, maxAge: 15, clock, logger: noopLogger });
  const states: string[] = [];
  link.on('state', (state) => states.push(state));
  let ticks = 0;
  const setTimeout = clock.setTimeout.bind(clock);
  clock.setTimeout = (fn, ms) => {
    ticks++;
    return setTimeout(fn, ms);
  };
  link.start();
  cleanup.push(() => link.stop());
  return { link, states, ticks: () => ticks };
}

/** Lets real socket I/O run between manual clock steps. */
const io = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('DriverLink timing (MAXAGE 15)', () => {
  it('PINGs a driver quiet for 5 s, calls it stale after 16 s, fresh the moment it talks', async () => {
    const driver = await scriptedDriver();
    const clock = new ManualClock(1_000_000);
    const { link, states } = startLink(driver.path, clock);
    await waitFor(() => link.vars.get('ups.status')?.value === 'OL', { what: 'the dump' });

    clock.advance(5_000);
    await io();
    expect(driver.received).not.toContain('PING');
    clock.advance(2);
    await waitFor(() => driver.received.includes('PING'), { what: 'PING' });

    clock.advance(10_998);
    expect(link.unavailable()).toBeUndefined();
    expect(states).not.toContain('stale');
    clock.advance(2);
    expect(states.at(-1)).toBe('stale');
    expect(link.unavailable()).toBe('DATA-STALE');

    // No clock step: the line itself makes the data fresh again.
    driver.latest().write('SETINFO ups.status "OB"\n');
    await waitFor(() => states.at(-1) === 'fresh', { what: 'fresh' });
    expect(link.vars.get('ups.status')?.value).toBe('OB');
  });

  it("reports the driver's DATASTALE and DATAOK as they arrive", async () => {
    const driver = await scriptedDriver();
    const { link, states } = startLink(driver.path, new ManualClock(1_000_000));
    await waitFor(() => link.connected && link.vars.size > 0, { what: 'the dump' });
    driver.latest().write('DATASTALE\n');
    await waitFor(() => states.at(-1) === 'stale', { what: 'stale' });
    driver.latest().write('DATAOK\n');
    await waitFor(() => states.at(-1) === 'fresh', { what: 'fresh' });
  });

  it('wakes only for PINGs while a driver answers them, and retries every second when it is gone', async () => {
    const driver = await scriptedDriver();
    const clock = new ManualClock(1_000_000);
    const { link, states, ticks } = startLink(driver.path, clock);
    await waitFor(() => link.vars.size > 0, { what: 'the dump' });
    const before = ticks();
    let pongs = 0;
    for (let ms = 0; ms < 60_000; ms += 500) {
      clock.advance(500);
      await io();
      const pings = driver.received.filter((line) => line === 'PING').length;
      for (; pongs < pings; pongs++) driver.latest().write('PONG\n');
      await io();
    }
    expect(states).not.toContain('stale');
    // One wake-up per PING, about every 5.5 s (the test answers within 500 ms): about 11 in a
    // minute, where a tick every second would be 60.
    expect(ticks() - before).toBeGreaterThanOrEqual(9);
    expect(ticks() - before).toBeLessThanOrEqual(13);

    driver.latest().destroy();
    await waitFor(() => !link.connected, { what: 'the link notices' });
    const connections = driver.connections.length;
    clock.advance(1_000);
    await waitFor(() => driver.connections.length > connections, { what: 'a reconnect' });
  });
});
