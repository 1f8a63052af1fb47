import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBin } from '@nut-ts/sim';
import {
  freePort,
  realNutStatus,
  spawnProcess,
  startNutSite,
  waitFor,
  DEFAULT_USERS,
  type NutSite,
} from '@nut-ts/testkit';
import { NutClient } from '@nut-ts/client';
import { getVarThroughput, listLatency, pipelined } from './measure.js';
import { idleConnections } from './idle-connections.js';
import { idleDummyUps, idleNutdrvQx, idleUpsmon, idleUse } from './idle-daemons.js';
import { megatecPollCycle } from './megatec-poll.js';
import { performanceDoc } from './performance-doc.js';
import { rssKb } from './process-stats.js';
import { BenchDriver, startWeb, toPollingClient, toWebSocket } from './propagation.js';
import { Report } from './report.js';
import { shutdownSeconds } from './shutdown-timing.js';

/** 100 variables, as a mid-size UPS publishes. */
function devFile(): string {
  const lines = ['ups.status: OL', 'ups.mfr: Bench', 'ups.model: Bench 100'];
  for (let i = lines.length; i < 100; i++)
    lines.push(`experimental.bench.v${String(i).padStart(3, '0')}: ${i * 1.5}`);
  return `${lines.join('\n')}\n`;
}

const quick = process.argv.includes('--quick');
const cleanup: Array<() => Promise<unknown>> = [];

/** Runs one measurement; a failure is reported and gives `fallback` (shown as n/a). */
async function attempt<T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    console.error(`bench: ${what} failed: ${(error as Error).message}`);
    return fallback;
  }
}

/**
 * Debian's dummy-ups for `bench` (100 variables) and the bench's own driver for `prop`, read by
 * Debian's upsd and by ours, each on its own port.
 */
async function startServers(): Promise<{
  site: NutSite;
  driver: BenchDriver;
  ours: { port: number; pid: number };
}> {
  const site = await startNutSite({
    ups: {
      bench: { file: 'bench.dev', content: devFile(), desc: 'bench' },
      prop: { file: 'prop.dev', content: '', desc: 'driven by the bench' },
    },
    upsdConf: 'MAXCONN 20000\n',
    startDrivers: false,
    startUpsd: false,
  });
  cleanup.push(() => site.stop());
  await site.startDriver('bench');
  const driver = new BenchDriver(site.statePath, 'prop');
  await driver.listen();
  cleanup.push(() => driver.close());
  await site.startUpsd();
  await site.waitForStatus('bench');
  await site.waitForStatus('prop');
  const ourConf = join(site.dir, 'ours');
  mkdirSync(ourConf);
  const port = await freePort();
  writeFileSync(join(ourConf, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\nMAXCONN 20000\n`);
  writeFileSync(join(ourConf, 'ups.conf'), readFileSync(join(site.confPath, 'ups.conf')));
  writeFileSync(join(ourConf, 'upsd.users'), DEFAULT_USERS);
  chmodSync(join(ourConf, 'upsd.users'), 0o600);
  const upsd = spawnProcess('nut-ts upsd', findBin('upsd'), ['-F'], {
    env: { ...site.env, NUT_CONFPATH: ourConf },
  });
  cleanup.push(() => upsd.stop());
  await waitFor(
    async () => {
      const c = new NutClient({ host: '127.0.0.1', port, reconnect: false });
      try {
        await c.connect();
        return (
          (await c.getVar('bench', 'ups.status')) === 'OL' &&
          (await c.getVar('prop', 'ups.status')) === 'OL'
        );
      } catch {
        return false;
      } finally {
        await c.close().catch(() => {});
      }
    },
    { what: 'nut-ts upsd' },
  );
  return { site, driver, ours: { port, pid: upsd.child.pid! } };
}

async function measureAll(report: Report): Promise<void> {
  const status = realNutStatus();
  if (!status.available) throw new Error(status.reason);
  console.error('bench: starting Debian NUT 2.8.0 and nut-ts upsd on the same driver sockets');
  const { site, driver, ours } = await startServers();
  const nut = { port: site.port, pid: site.upsd!.child.pid! };
  const idleUpsd = { nut: rssKb(nut.pid) / 1024, ours: rssKb(ours.pid) / 1024 };
  const duration = quick ? 1000 : 3000;
  const failed = { rps: NaN, p50: NaN, p99: NaN };
  const none = { p50: NaN, p99: NaN };

  report.section('Requests (100-variable UPS)');
  for (const clients of [1, 64, ...(quick ? [] : [1000])]) {
    const a = await attempt(
      `NUT, ${clients} clients`,
      () => getVarThroughput(nut.port, clients, duration),
      failed,
    );
    const b = await attempt(
      `nut-ts, ${clients} clients`,
      () => getVarThroughput(ours.port, clients, duration),
      failed,
    );
    report.add(`GET VAR round trips/s, ${clients} client(s)`, a.rps, b.rps, true, 0);
    report.add(`GET VAR p50 ms, ${clients} client(s)`, a.p50, b.p50, false, 3);
    report.add(`GET VAR p99 ms, ${clients} client(s)`, a.p99, b.p99, false, 3);
  }
  const listCount = quick ? 10 : 40;
  const noList = { p50: NaN, p99: NaN, vars: 0 };
  const la = await attempt('NUT LIST', () => listLatency(nut.port, listCount), noList);
  const lb = await attempt('nut-ts LIST', () => listLatency(ours.port, listCount), noList);
  report.add(`LIST VAR (${lb.vars} variables) p50 ms`, la.p50, lb.p50, false, 3);
  report.add(`LIST VAR (${lb.vars} variables) p99 ms`, la.p99, lb.p99, false, 3);
  const pa = await attempt('NUT pipelined', () => pipelined(nut.port, 1000), NaN);
  const pb = await attempt('nut-ts pipelined', () => pipelined(ours.port, 1000), NaN);
  report.add('1000 pipelined GET VAR, total ms', pa, pb, false, 1);
  console.error('bench: requests done');

  report.section('Propagation of a driver change');
  const polls = quick ? 30 : 300;
  const pollNut = await attempt(
    'NUT polling client',
    () => toPollingClient(driver, nut.port, 'prop', polls),
    none,
  );
  const pollOurs = await attempt(
    'nut-ts polling client',
    () => toPollingClient(driver, ours.port, 'prop', polls),
    none,
  );
  report.add('→ client polling GET VAR back to back, p50 ms', pollNut.p50, pollOurs.p50, false, 3);
  report.add('→ client polling GET VAR back to back, p99 ms', pollNut.p99, pollOurs.p99, false, 3);
  const webBin = findBin('nut-web');
  const viaWeb = async (port: number, samples: number, push: boolean) => {
    const web = await startWeb(webBin, port, 1000);
    try {
      return await toWebSocket(driver, web.url, 'prop', samples, push, push ? 20 : 1500);
    } finally {
      await web.proc.stop();
    }
  };
  const wsNut = await attempt(
    'nut-web on NUT',
    () => viaWeb(nut.port, quick ? 5 : 30, false),
    none,
  );
  const wsOurs = await attempt('nut-web on nut-ts', () => viaWeb(ours.port, polls, true), none);
  report.add('→ nut-web WebSocket subscriber, p50 ms', wsNut.p50, wsOurs.p50, false, 2);
  report.add('→ nut-web WebSocket subscriber, p99 ms', wsNut.p99, wsOurs.p99, false, 2);
  report.facts.set('ws.p50', wsOurs.p50).set('ws.p99', wsOurs.p99).set('ws.nut.p50', wsNut.p50);
  console.error('bench: propagation done');

  report.section('Idle connections held by upsd');
  const idleCount = quick ? 1000 : 10_000;
  const noIdle = { held: NaN, rssMb: NaN, perConnectionKb: NaN };
  const ia = await attempt(
    'NUT idle',
    () => idleConnections(nut.port, idleCount, () => rssKb(nut.pid)),
    noIdle,
  );
  const ib = await attempt(
    'nut-ts idle',
    () => idleConnections(ours.port, idleCount, () => rssKb(ours.pid)),
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
  console.error('bench: idle connections done');

  report.section('Idle daemons and drivers (one UPS each)');
  const window = quick ? { settleMs: 2000, windowMs: 3000 } : { settleMs: 3000, windowMs: 30_000 };
  report.add('upsd RSS, MB', idleUpsd.nut, idleUpsd.ours, false, 1);
  // All at once, over the same window: they are idle, and it saves minutes.
  const [upsdNut, upsdOurs, monNut, monOurs, dummyNut, dummyOurs, qxNut, qxOurs] =
    await Promise.all([
      idleUse(nut.pid, window.settleMs, window.windowMs),
      idleUse(ours.pid, window.settleMs, window.windowMs),
      idleUpsmon(true, nut.port, 'bench', window),
      idleUpsmon(false, ours.port, 'bench', window),
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
    'nutdrv_qx CPU per UPS (Q1 every 2 s), % of a core',
    qxNut.cpuPercent,
    qxOurs.cpuPercent,
    false,
    3,
  );
  console.error('bench: idle daemons done');

  report.section('Megatec poll cycle (2400 baud, 8N1)');
  const qx = await attempt('Megatec poll cycle', () => megatecPollCycle(quick ? 100 : 1000), {
    ...none,
    wireMs: NaN,
  });
  report.add('Q1 exchange on the wire, ms', NaN, qx.wireMs, false, 1);
  report.facts.set('qx.wire', qx.wireMs).set('qx.p50', qx.p50);
  report.add("driver's own time per poll cycle, p50 ms", NaN, qx.p50, false, 3);
  report.add("driver's own time per poll cycle, p99 ms", NaN, qx.p99, false, 3);
  console.error('bench: Megatec poll cycle done');

  report.section('Shutdown: battery low → primary runs SHUTDOWNCMD (simulated site, fast timers)');
  for (const secondaries of quick ? [1] : [1, 10, 50]) {
    const theirs = await attempt(
      `shutdown, ${secondaries} NUT secondaries`,
      () => shutdownSeconds(secondaries, true),
      NaN,
    );
    const mine = await attempt(
      `shutdown, ${secondaries} secondaries`,
      () => shutdownSeconds(secondaries, false),
      NaN,
    );
    report.add(
      `${secondaries} secondar${secondaries === 1 ? 'y' : 'ies'}, s`,
      theirs,
      mine,
      false,
      2,
    );
    console.error(`bench: shutdown with ${secondaries} secondaries done`);
  }
}

async function main(): Promise<void> {
  const report = new Report();
  report.sampleLoad();
  try {
    await measureAll(report);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
  console.log(report.tables());
  if (!quick)
    writeFileSync(
      fileURLToPath(new URL('../../../docs/performance.md', import.meta.url)),
      performanceDoc(report),
    );
}

await main();
