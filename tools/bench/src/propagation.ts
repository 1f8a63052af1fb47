import { join } from 'node:path';
import WebSocket from 'ws';
import { NutClient } from '@nut-ts/client';
import { DriverSocketServer, StateStore } from '@nut-ts/driver-kit';
import { spawnProcess, type SpawnedProcess } from '@nut-ts/testkit';
import { summary } from './process-stats.js';

/** The variable the bench changes; each sample sets a new value. */
const VARIABLE = 'experimental.bench.seq';

/**
 * A driver the bench controls: our driver kit's socket server, on the socket path both upsds
 * read for UPS `ups` (`<statepath>/dummy-ups-<ups>`). A change is timed from the moment the
 * driver publishes it.
 */
export class BenchDriver {
  readonly store = new StateStore();
  private readonly server: DriverSocketServer;
  private seq = 0;

  constructor(statePath: string, ups: string) {
    this.store.setInfo('ups.status', 'OL');
    this.store.setInfo('ups.mfr', 'Bench');
    this.store.setInfo(VARIABLE, '0');
    this.store.setStale(false);
    this.server = new DriverSocketServer(join(statePath, `dummy-ups-${ups}`), this.store, {
      instcmd: () => Promise.resolve(0),
      setvar: () => Promise.resolve(0),
    });
  }

  listen(): Promise<void> {
    return this.server.listen();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Publishes a new value; returns it and the time it left. */
  change(): { value: string; at: number } {
    const value = String(++this.seq);
    const at = performance.now();
    this.store.setInfo(VARIABLE, value);
    return { value, at };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A random gap between samples (5 ms + up to `spreadMs`), so they do not line up with polls. */
const gap = (spreadMs = 20) => pause(5 + Math.random() * spreadMs);

/** Resolves when `check` passes or rejects after `ms`. */
function within<T>(ms: number, what: string, run: (done: (value: T) => void) => () => void) {
  return new Promise<T>((resolve, reject) => {
    let cancel: () => void = () => {};
    const timer = setTimeout(() => {
      cancel();
      reject(new Error(`${what}: nothing after ${ms} ms`));
    }, ms);
    cancel = run((value) => {
      clearTimeout(timer);
      cancel();
      resolve(value);
    });
  });
}

/**
 * Driver change -> a client polling `GET VAR` back to back (the fastest a polling client can
 * learn of it), p50/p99 in ms over `samples` changes.
 */
export async function toPollingClient(
  driver: BenchDriver,
  port: number,
  ups: string,
  samples: number,
): Promise<{ p50: number; p99: number }> {
  const client = new NutClient({ host: '127.0.0.1', port, reconnect: false });
  await client.connect();
  let wanted = '';
  let onValue: ((at: number) => void) | undefined;
  let running = true;
  const loop = (async () => {
    while (running) {
      const value = await client.getVar(ups, VARIABLE);
      if (value === wanted) onValue?.(performance.now());
    }
  })();
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      await gap();
      const arrived = within<number>(5000, 'polling client', (done) => {
        onValue = done;
        return () => (onValue = undefined);
      });
      const sent = driver.change();
      wanted = sent.value;
      latencies.push((await arrived) - sent.at);
    }
  } finally {
    running = false;
    await loop.catch(() => {});
    await client.close();
  }
  return summary(latencies);
}

/** nut-web (its own process) watching the upsd on `port`, polling every `pollMs`. */
export async function startWeb(
  bin: string,
  port: number,
  pollMs: number,
): Promise<{ proc: SpawnedProcess; url: string }> {
  const proc = spawnProcess('nut-web', bin, [
    '--server',
    `127.0.0.1:${port}`,
    '--listen',
    '127.0.0.1:0',
    '--poll-ms',
    String(pollMs),
  ]);
  const [, url] = await proc.waitForOutput(/nut-web listening on (\S+)/);
  return { proc, url: url! };
}

/**
 * Driver change -> a WebSocket subscriber of nut-web at `url`, p50/p99 in ms over `samples`
 * changes spaced by a random 5 ms + up to `spreadMs` (give a polling nut-web its whole poll
 * period, or every sample lands just after a poll). Waits first until nut-web serves UPS `ups`
 * (and, with `push`, pushes).
 */
export async function toWebSocket(
  driver: BenchDriver,
  url: string,
  ups: string,
  samples: number,
  push: boolean,
  spreadMs = 20,
): Promise<{ p50: number; p99: number }> {
  const ready = async () => {
    const servers = (await (await fetch(`${url}api/servers`)).json()) as Array<{ push: string }>;
    const list = (await (await fetch(`${url}api/ups`)).json()) as Array<{ name: string }>;
    return list.some((u) => u.name === ups) && (!push || servers[0]?.push === 'active');
  };
  for (let tries = 0; !(await ready()); tries++) {
    if (tries > 200) throw new Error('nut-web never served the bench UPS');
    await pause(50);
  }
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let onMessage: ((changed: Record<string, string | null>, at: number) => void) | undefined;
  socket.on('message', (data) => {
    const at = performance.now();
    const event = JSON.parse(String(data)) as { type: string; changed?: Record<string, string> };
    if (event.type === 'ups-updated' && event.changed) onMessage?.(event.changed, at);
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      await gap(spreadMs);
      let wanted = '';
      const arrived = within<number>(10_000, 'WebSocket subscriber', (done) => {
        onMessage = (changed, at) => {
          if (changed[VARIABLE] === wanted) done(at);
        };
        return () => (onMessage = undefined);
      });
      const sent = driver.change();
      wanted = sent.value;
      latencies.push((await arrived) - sent.at);
    }
  } finally {
    socket.terminate();
  }
  return summary(latencies);
}
