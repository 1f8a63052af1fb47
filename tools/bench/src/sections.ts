import { findBin } from '@nut-ts/sim';
import { CLIENT_LEVELS, NOT_MEASURED, getVarRounds, listLatency, pipelined } from './measure.js';
import { idleConnections } from './idle-connections.js';
import { IDLE_POLL_S, idleDummyUps, idleNutdrvQx, idleUpsmon, idleUse } from './idle-daemons.js';
import { nodeStartup } from './node-startup.js';
import { megatecPollCycle } from './megatec-poll.js';
import { rssKb, summary } from './process-stats.js';
import { startWeb, toPollingClient, toWebSocket } from './propagation.js';
import type { Report } from './report.js';
import type { Servers } from './servers.js';
import { shutdownRun, type ShutdownRun } from './shutdown-timing.js';

/** What every section gets: the run's length and the two upsd servers, started on first use. */
export interface BenchContext {
  quick: boolean;
  servers(): Promise<Servers>;
}

/** Runs one measurement; a failure is reported and gives `fallback` (shown as n/a). */
async function attempt<T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    console.error(`bench: ${what} failed: ${(error as Error).message}`);
    return fallback;
  }
}

/** GET VAR at 1, 64 and 1,000 clients, LIST VAR, pipelining. */
export async function requests(report: Report, ctx: BenchContext): Promise<void> {
  const s = await ctx.servers();
  const quick = ctx.quick;
  report.section('Requests (100-variable UPS)');
  const nut = { name: 'NUT', ...s.nut };
  const ours = { name: 'nut-ts', ...s.ours };
  const plain = { name: 'plain Node.js server', ...s.plain };
  for (const clients of CLIENT_LEVELS.filter((level) => !quick || level < 1000)) {
    // The plain server gives the scale up to 64 clients, where the ratios are close to 1.
    const withPlain = clients <= 64;
    const [a = NOT_MEASURED, b = NOT_MEASURED, p] = await getVarRounds(
      withPlain ? [nut, ours, plain] : [nut, ours],
      clients,
      1000,
      quick ? 1 : 5,
    );
    report.facts
      .set(`rps.${clients}`, b.rps / a.rps)
      .set(`max.nut.${clients}`, a.max)
      .set(`max.ours.${clients}`, b.max)
      .set(`cpu.nut.${clients}`, a.cpuUs)
      .set(`cpu.ours.${clients}`, b.cpuUs)
      .set(`user.nut.${clients}`, a.userUs)
      .set(`user.ours.${clients}`, b.userUs);
    report.add(`GET VAR round trips/s, ${clients} client(s)`, a.rps, b.rps, true, 0);
    report.add(`GET VAR p50 ms, ${clients} client(s)`, a.p50, b.p50, false, 3);
    report.add(`GET VAR p99 ms, ${clients} client(s)`, a.p99, b.p99, false, 3);
    report.add(`GET VAR slowest ms, ${clients} client(s)`, a.max, b.max, false, 1);
    report.add(`upsd CPU per GET VAR µs, ${clients} client(s)`, a.cpuUs, b.cpuUs, false, 1);
    report.add(`… of it in user space µs, ${clients} client(s)`, a.userUs, b.userUs, false, 1);
    if (p) {
      report.facts
        .set(`plain.rps.${clients}`, p.rps / a.rps)
        .set(`plain.cpu.${clients}`, p.cpuUs)
        .set(`plain.user.${clients}`, p.userUs);
      report.add(
        `GET VAR round trips/s, ${clients} client(s), plain Node.js server†`,
        a.rps,
        p.rps,
        true,
        0,
      );
      report.add(
        `server CPU per GET VAR µs, ${clients} client(s), plain Node.js server†`,
        a.cpuUs,
        p.cpuUs,
        false,
        1,
      );
      report.add(
        `… of it in user space µs, ${clients} client(s), plain Node.js server†`,
        a.userUs,
        p.userUs,
        false,
        1,
      );
    }
  }
  report.note(
    '† Not nut-ts: a plain Node.js server (`tools/bench/src/plain-node-server.ts`) that ' +
      'answers every line with a fixed reply and does no protocol work, measured in the same ' +
      'rounds. Its numbers are what any Node.js server pays per request before doing anything.',
  );
  const listCount = quick ? 10 : 40;
  const noList = { p50: NaN, p99: NaN, vars: 0 };
  const la = await attempt('NUT LIST', () => listLatency(s.nut.port, listCount), noList);
  const lb = await attempt('nut-ts LIST', () => listLatency(s.ours.port, listCount), noList);
  report.facts.set('list.p50', lb.p50).set('list.nut.p50', la.p50);
  report.add(`LIST VAR (${lb.vars} variables) p50 ms`, la.p50, lb.p50, false, 3);
  report.add(`LIST VAR (${lb.vars} variables) p99 ms`, la.p99, lb.p99, false, 3);
  const pa = await attempt('NUT pipelined', () => pipelined(s.nut.port, 1000), NaN);
  const pb = await attempt('nut-ts pipelined', () => pipelined(s.ours.port, 1000), NaN);
  report.add('1000 pipelined GET VAR, total ms', pa, pb, false, 1);
}

/** A driver change reaching a polling client and a WebSocket subscriber. */
export async function propagation(report: Report, ctx: BenchContext): Promise<void> {
  const s = await ctx.servers();
  const quick = ctx.quick;
  report.section('Propagation of a driver change');
  const none = { p50: NaN, p99: NaN };
  const polls = quick ? 30 : 300;
  const pollNut = await attempt(
    'NUT polling client',
    () => toPollingClient(s.driver, s.nut.port, 'prop', polls),
    none,
  );
  const pollOurs = await attempt(
    'nut-ts polling client',
    () => toPollingClient(s.driver, s.ours.port, 'prop', polls),
    none,
  );
  report.add('→ client polling GET VAR back to back, p50 ms', pollNut.p50, pollOurs.p50, false, 3);
  report.add('→ client polling GET VAR back to back, p99 ms', pollNut.p99, pollOurs.p99, false, 3);
  const webBin = findBin('nut-web');
  const viaWeb = async (port: number, samples: number, push: boolean) => {
    const web = await startWeb(webBin, port, 1000);
    try {
      return await toWebSocket(s.driver, web.url, 'prop', samples, push, push ? 20 : 1500);
    } finally {
      await web.proc.stop();
    }
  };
  const wsNut = await attempt(
    'nut-web on NUT',
    () => viaWeb(s.nut.port, quick ? 5 : 30, false),
    none,
  );
  const wsOurs = await attempt('nut-web on nut-ts', () => viaWeb(s.ours.port, polls, true), none);
  report.add('→ nut-web WebSocket subscriber, p50 ms', wsNut.p50, wsOurs.p50, false, 2);
  report.add('→ nut-web WebSocket subscriber, p99 ms', wsNut.p99, wsOurs.p99, false, 2);
  report.facts.set('ws.p50', wsOurs.p50).set('ws.p99', wsOurs.p99).set('ws.nut.p50', wsNut.p50);
}

/** Idle clients held by each upsd and the memory they take. */
export async function idleClients(report: Report, ctx: BenchContext): Promise<void> {
  const s = await ctx.servers();
  const quick = ctx.quick;
  report.section('Idle connections held by upsd');
  const idleCount = quick ? 1000 : 10_000;
  const noIdle = { held: NaN, rssMb: NaN, perConnectionKb: NaN };
  const ia = await attempt(
    'NUT idle',
    () => idleConnections(s.nut.port, idleCount, () => rssKb(s.nut.pid)),
    noIdle,
  );
  const ib = await attempt(
    'nut-ts idle',
    () => idleConnections(s.ours.port, idleCount, () => rssKb(s.ours.pid)),
    noIdle,
  );
  report.add(`idle connections held (of ${idleCount})`, ia.held, ib.held, true, 0);
  report.add('upsd RSS holding them, MB', ia.rssMb, ib.rssMb, false, 1);
  report.add('memory per connection, KB', ia.perConnectionKb, ib.perConnectionKb, false, 1);
  report.facts
    .set('idle.count', idleCount)
    .set('idle.held', ib.held)
    .set('idle.rss', ib.rssMb)
    .set('idle.perConnection', ib.perConnectionKb)
    .set('idle.nut.held', ia.held);
}

/** RSS and CPU of idle daemons and drivers. */
export async function idleDaemons(report: Report, ctx: BenchContext): Promise<void> {
  const s = await ctx.servers();
  const quick = ctx.quick;
  report.section('Idle daemons and drivers (one UPS each)');
  const window = quick
    ? { settleMs: 2000, windowMs: 3000 }
    : { settleMs: 15_000, windowMs: 30_000 };
  report.add('upsd RSS, MB', s.nut.idleRssMb, s.ours.idleRssMb, false, 1);
  // All at once, over the same window: they are idle, and it saves minutes.
  const [upsdNut, upsdOurs, monNut, monOurs, dummyNut, dummyOurs, qxNut, qxOurs] =
    await Promise.all([
      idleUse(s.nut.pid, window.settleMs, window.windowMs),
      idleUse(s.ours.pid, window.settleMs, window.windowMs),
      idleUpsmon(true, s.nut.port, 'bench', window),
      idleUpsmon(false, s.ours.port, 'bench', window),
      idleDummyUps(true, window),
      idleDummyUps(false, window),
      idleNutdrvQx(true, window),
      idleNutdrvQx(false, window),
    ]);
  report.add('upsd CPU, % of a core', upsdNut.cpuPercent, upsdOurs.cpuPercent, false, 3);
  report.facts.set('cpu.dummy', dummyOurs.cpuPercent).set('cpu.upsmon', monOurs.cpuPercent);
  report.add('upsmon RSS, MB', monNut.rssMb, monOurs.rssMb, false, 1);
  report.add('upsmon CPU, % of a core', monNut.cpuPercent, monOurs.cpuPercent, false, 3);
  report.add('dummy-ups RSS, MB', dummyNut.rssMb, dummyOurs.rssMb, false, 1);
  report.add(
    'dummy-ups CPU per UPS, % of a core',
    dummyNut.cpuPercent,
    dummyOurs.cpuPercent,
    false,
    3,
  );
  report.add('nutdrv_qx RSS, MB', qxNut.rssMb, qxOurs.rssMb, false, 1);
  report.add(
    `nutdrv_qx CPU per UPS (Q1 every ${IDLE_POLL_S.driver} s), % of a core`,
    qxNut.cpuPercent,
    qxOurs.cpuPercent,
    false,
    3,
  );
}

/** A Megatec poll cycle against the serial wire time. */
export async function megatec(report: Report, { quick }: BenchContext): Promise<void> {
  report.section('Megatec poll cycle (2400 baud, 8N1)');
  const qx = await attempt('Megatec poll cycle', () => megatecPollCycle(quick ? 100 : 1000), {
    p50: NaN,
    p99: NaN,
    wireMs: NaN,
  });
  report.add('Q1 exchange on the wire, ms', NaN, qx.wireMs, false, 1);
  report.facts.set('qx.wire', qx.wireMs).set('qx.p50', qx.p50);
  report.add("driver's own time per poll cycle, p50 ms", NaN, qx.p50, false, 3);
  report.add("driver's own time per poll cycle, p99 ms", NaN, qx.p99, false, 3);
}

/** Runs per shutdown row: where in a poll period the battery goes low is chance. */
const SHUTDOWN_ROUNDS = 3;

/**
 * Low battery to the primary's SHUTDOWNCMD, and the whole run's wall time, with 1, 10 and 50
 * secondaries: the median of {@link SHUTDOWN_ROUNDS} runs each, NUT's and ours taking turns.
 */
export async function shutdown(report: Report, { quick }: BenchContext): Promise<void> {
  report.freezeLoad();
  report.section('Shutdown: battery low → primary runs SHUTDOWNCMD (simulated site, fast timers)');
  const failed: ShutdownRun = { shutdown: NaN, wall: NaN };
  const walls: Array<[string, number, number]> = [];
  for (const secondaries of quick ? [1] : [1, 10, 50]) {
    const theirs: ShutdownRun[] = [];
    const mine: ShutdownRun[] = [];
    for (let round = 0; round < (quick ? 1 : SHUTDOWN_ROUNDS); round++) {
      const what = `shutdown, ${secondaries} secondaries`;
      theirs.push(await attempt(`${what} (NUT)`, () => shutdownRun(secondaries, true), failed));
      mine.push(await attempt(what, () => shutdownRun(secondaries, false), failed));
    }
    const label = `${secondaries} secondar${secondaries === 1 ? 'y' : 'ies'}`;
    // The median run; a failed run (NaN) fails the row.
    const pick = (runs: ShutdownRun[], key: keyof ShutdownRun) => {
      const values = runs.map((run) => run[key]);
      return values.some(Number.isNaN) ? NaN : summary(values).p50;
    };
    report.add(`${label}, s`, pick(theirs, 'shutdown'), pick(mine, 'shutdown'), false, 2);
    walls.push([label, pick(theirs, 'wall'), pick(mine, 'wall')]);
    console.error(`bench: shutdown with ${secondaries} secondaries done`);
  }
  for (const [label, theirs, mine] of walls)
    report.add(`harness wall time (start, power cut, stop), ${label}, s`, theirs, mine, false, 2);
  const startup = nodeStartup();
  report.facts.set('node.startup', startup.ms).set('node.extraCa', startup.extraCaMs);
}
