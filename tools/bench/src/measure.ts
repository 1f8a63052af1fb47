import { NutClient } from '@nut-ts/client';
import { cpuMs, percentile, userSystemMs } from './process-stats.js';

async function open(port: number): Promise<NutClient> {
  const client = new NutClient({
    host: '127.0.0.1',
    port,
    reconnect: false,
    // Long enough for a server that starves a client under load to be measured, not dropped.
    requestTimeoutMs: 60_000,
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

/** Client counts the GET VAR rows measure (`--quick` stops below 1,000). */
export const CLIENT_LEVELS = [1, 64, 1000] as const;

/** A server under test, named for the bench's messages. */
type NamedServer = { name: string; port: number; pid: number };

/**
 * One round: each round trip's latency (ms), the server's CPU time, the share of it spent in
 * user space (from the tick counters), the round's length.
 */
type Run = {
  samples: number[];
  cpuMs: number;
  ticks: { user: number; system: number };
  ms: number;
};

/** One server's GET VAR results: round trips/s, latency and its CPU time per request. */
export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  /** The slowest round trip (ms): a client the server left waiting. */
  max: number;
  /** The server's user + system CPU per round trip, in microseconds. */
  cpuUs: number;
  /** The part of `cpuUs` spent in user space (the rest is in the kernel). */
  userUs: number;
}

/** One run of `GET VAR` with `clients` connections, each one request at a time. */
async function getVarRun(
  server: { port: number; pid: number },
  clients: number,
  durationMs: number,
): Promise<Run> {
  const connections = await openMany(server.port, clients);
  const samples: number[] = [];
  const cpuBefore = cpuMs(server.pid);
  const ticksBefore = userSystemMs(server.pid);
  const began = performance.now();
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
    // The last replies may come well after `end` from a server that made a client wait.
    const ticksAfter = userSystemMs(server.pid);
    return {
      samples,
      cpuMs: cpuMs(server.pid) - cpuBefore,
      ticks: {
        user: ticksAfter.user - ticksBefore.user,
        system: ticksAfter.system - ticksBefore.system,
      },
      ms: performance.now() - began,
    };
  } finally {
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
  }
}

/** Results of a server that was not measured (n/a in the tables). */
export const NOT_MEASURED: Throughput = {
  rps: NaN,
  p50: NaN,
  p99: NaN,
  max: NaN,
  cpuUs: NaN,
  userUs: NaN,
};

/** A server's results over its rounds; NaN (n/a) when a round failed. */
function throughput(runs: readonly Run[] | undefined): Throughput {
  if (!runs) return NOT_MEASURED;
  const all = runs.flatMap((run) => run.samples).sort((a, b) => a - b);
  const perRound = runs.map((run) => run.samples.length / (run.ms / 1000)).sort((a, b) => a - b);
  const cpu = runs.reduce((sum, run) => sum + run.cpuMs, 0);
  const user = runs.reduce((sum, run) => sum + run.ticks.user, 0);
  const system = runs.reduce((sum, run) => sum + run.ticks.system, 0);
  const cpuUs = (cpu * 1000) / all.length;
  return {
    rps: percentile(perRound, 50),
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all.at(-1) ?? NaN,
    cpuUs,
    userUs: (cpuUs * user) / (user + system),
  };
}

/**
 * GET VAR throughput of several servers, measured in rounds that rotate which server goes first
 * (A B C, B C A, C A B...) so that a machine that gets busier or quieter favours none. Round
 * trips/s is the median round; latency percentiles are over every sample. A server that fails a
 * round (no reply in time) is reported as n/a, with the reason on stderr; the others' numbers
 * stand.
 */
export async function getVarRounds(
  servers: readonly NamedServer[],
  clients: number,
  roundMs: number,
  rounds: number,
): Promise<Throughput[]> {
  const runs: Array<Run[] | undefined> = servers.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < servers.length; i++) {
      const which = (round + i) % servers.length;
      const server = servers[which]!;
      const done = runs[which];
      if (!done) continue;
      try {
        done.push(await getVarRun(server, clients, roundMs));
      } catch (error) {
        console.error(`bench: ${server.name}, ${clients} clients: ${(error as Error).message}`);
        runs[which] = undefined;
      }
    }
  }
  return runs.map(throughput);
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
