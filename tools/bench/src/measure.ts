import { NutClient } from '@nut-ts/client';
import { percentile } from './process-stats.js';

async function open(port: number): Promise<NutClient> {
  const client = new NutClient({
    host: '127.0.0.1',
    port,
    reconnect: false,
    requestTimeoutMs: 10_000,
  });
  await client.connect();
  return client;
}

/**
 * `count` connections, opened 50 at a time: NUT's upsd listens with a backlog of 16, and a storm
 * of simultaneous connects would measure SYN retransmission, not request handling.
 */
async function openMany(port: number, count: number): Promise<NutClient[]> {
  const connections: NutClient[] = [];
  while (connections.length < count) {
    const batch = Math.min(50, count - connections.length);
    connections.push(...(await Promise.all(Array.from({ length: batch }, () => open(port)))));
  }
  return connections;
}

/** Round trips per second of `GET VAR` with `clients` connections, each one request at a time. */
export async function getVarThroughput(
  port: number,
  clients: number,
  durationMs: number,
): Promise<{ rps: number; p50: number; p99: number }> {
  const connections = await openMany(port, clients);
  const samples: number[] = [];
  const end = Date.now() + durationMs;
  try {
    await Promise.all(
      connections.map(async (client) => {
        while (Date.now() < end) {
          const start = performance.now();
          await client.getVar('bench', 'ups.status');
          samples.push(performance.now() - start);
        }
      }),
    );
  } finally {
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
  }
  samples.sort((a, b) => a - b);
  return {
    rps: samples.length / (durationMs / 1000),
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
  };
}

/** Latency of `LIST VAR` (ms) over `count` sequential requests. */
export async function listLatency(
  port: number,
  count: number,
): Promise<{ p50: number; p99: number; vars: number }> {
  const client = await open(port);
  const samples: number[] = [];
  let vars = 0;
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    vars = (await client.listVar('bench')).length;
    samples.push(performance.now() - start);
  }
  await client.close();
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), vars };
}

/** Time (ms) to get the replies of `count` pipelined GET VAR requests sent at once. */
export async function pipelined(port: number, count: number): Promise<number> {
  const client = await open(port);
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, () => client.getVar('bench', 'ups.status')));
  const elapsed = performance.now() - start;
  await client.close();
  return elapsed;
}
