import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  realNutStatus,
  spawnProcess,
  startNutSite,
  waitFor,
  DEFAULT_USERS,
} from '@nut-ts/testkit';
import { NutClient } from '@nut-ts/client';
import { getVarThroughput, idleConnections, listLatency, pipelined } from './measure.js';

/** 100 variables, as a mid-size UPS publishes. */
function devFile(): string {
  const lines = ['ups.status: OL', 'ups.mfr: Bench', 'ups.model: Bench 100'];
  for (let i = lines.length; i < 100; i++)
    lines.push(`experimental.bench.v${String(i).padStart(3, '0')}: ${i * 1.5}`);
  return `${lines.join('\n')}\n`;
}

const rss = (pid: number) => () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function main(): Promise<void> {
  const cleanup: Array<() => Promise<unknown>> = [];
  try {
    await measureAll(cleanup);
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
}

async function measureAll(cleanup: Array<() => Promise<unknown>>): Promise<void> {
  const status = realNutStatus();
  if (!status.available) {
    console.error(`bench: ${status.reason}`);
    process.exit(1);
  }
  const quick = process.argv.includes('--quick');
  const duration = quick ? 1000 : 3000;
  console.error(
    'bench: starting Debian NUT 2.8.0 (dummy-ups + upsd) and nut-ts upsd on the same driver socket',
  );
  const site = await startNutSite({
    ups: { bench: { file: 'bench.dev', content: devFile(), desc: 'bench' } },
    upsdConf: 'MAXCONN 20000\n',
  });
  cleanup.push(() => site.stop());
  await site.waitForStatus('bench');
  const ourConf = join(site.dir, 'ours');
  mkdirSync(ourConf);
  const ourPort = await freePort();
  writeFileSync(join(ourConf, 'upsd.conf'), `LISTEN 127.0.0.1 ${ourPort}\nMAXCONN 20000\n`);
  writeFileSync(join(ourConf, 'ups.conf'), readFileSync(join(site.confPath, 'ups.conf')));
  writeFileSync(join(ourConf, 'upsd.users'), DEFAULT_USERS);
  chmodSync(join(ourConf, 'upsd.users'), 0o600);
  const upsdBin = fileURLToPath(new URL('../../../apps/upsd/bin/upsd.mjs', import.meta.url));
  const ours = spawnProcess('nut-ts upsd', process.execPath, [upsdBin, '-F'], {
    env: { ...site.env, NUT_CONFPATH: ourConf },
  });
  cleanup.push(() => ours.stop());
  await waitFor(
    async () => {
      const c = new NutClient({ host: '127.0.0.1', port: ourPort, reconnect: false });
      try {
        await c.connect();
        return (await c.getVar('bench', 'ups.status')) === 'OL';
      } catch {
        return false;
      } finally {
        await c.close().catch(() => {});
      }
    },
    { what: 'nut-ts upsd' },
  );

  const servers = [
    { name: 'NUT 2.8.0', port: site.port, pid: site.upsd!.child.pid! },
    { name: 'nut-ts', port: ourPort, pid: ours.child.pid! },
  ];
  const rows: Array<[string, string, string, string]> = [];
  const add = (what: string, theirs: number, mine: number, higherIsBetter: boolean, digits = 2) =>
    rows.push([
      what,
      fmt(theirs, digits),
      fmt(mine, digits),
      fmt(higherIsBetter ? mine / theirs : theirs / mine) + '×',
    ]);

  const failed = { rps: NaN, p50: NaN, p99: NaN };
  const attempt = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      console.error(`bench: ${what} failed: ${(error as Error).message}`);
      return fallback;
    }
  };
  for (const clients of [1, 64, ...(quick ? [] : [1000])]) {
    const a = await attempt(
      `NUT with ${clients} clients`,
      () => getVarThroughput(servers[0]!.port, clients, duration),
      failed,
    );
    const b = await attempt(
      `nut-ts with ${clients} clients`,
      () => getVarThroughput(servers[1]!.port, clients, duration),
      failed,
    );
    console.error(`bench: GET VAR with ${clients} client(s) done`);
    add(`GET VAR round trips/s, ${clients} client(s)`, a.rps, b.rps, true, 0);
    add(`GET VAR p50 ms, ${clients} client(s)`, a.p50, b.p50, false, 3);
    add(`GET VAR p99 ms, ${clients} client(s)`, a.p99, b.p99, false, 3);
  }
  const listCount = quick ? 10 : 40;
  const noList = { p50: NaN, p99: NaN, vars: 0 };
  const la = await attempt('NUT LIST', () => listLatency(servers[0]!.port, listCount), noList);
  const lb = await attempt('nut-ts LIST', () => listLatency(servers[1]!.port, listCount), noList);
  console.error('bench: LIST done');
  add(`LIST VAR (${lb.vars} variables) p50 ms`, la.p50, lb.p50, false, 3);
  add(`LIST VAR (${lb.vars} variables) p99 ms`, la.p99, lb.p99, false, 3);
  const pa = await attempt('NUT pipelined', () => pipelined(servers[0]!.port, 1000), NaN);
  const pb = await attempt('nut-ts pipelined', () => pipelined(servers[1]!.port, 1000), NaN);
  console.error('bench: pipelining done');
  add('1000 pipelined GET VAR, total ms', pa, pb, false, 1);
  const idleCount = quick ? 500 : 2000;
  const noIdle = { held: NaN, rssMb: NaN };
  const ia = await attempt(
    'NUT idle',
    () => idleConnections(servers[0]!.port, idleCount, rss(servers[0]!.pid)),
    noIdle,
  );
  const ib = await attempt(
    'nut-ts idle',
    () => idleConnections(servers[1]!.port, idleCount, rss(servers[1]!.pid)),
    noIdle,
  );
  console.error('bench: idle connections done');
  add(`idle connections held (of ${idleCount})`, ia.held, ib.held, true, 0);
  add(`upsd RSS holding those connections, MB`, ia.rssMb, ib.rssMb, false, 1);
  add(
    'idle RSS of upsd, MB',
    rss(servers[0]!.pid)() / 1024,
    rss(servers[1]!.pid)() / 1024,
    false,
    1,
  );

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = [
    `| measure | NUT 2.8.0 | nut-ts | nut-ts advantage |`,
    `|---|---:|---:|---:|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const report = `# Performance\n\nLatest \`pnpm bench\` run (${new Date().toISOString().slice(0, 10)}, ${machine}). Both servers ran on\nthis machine at the same time, reading the same Debian \`dummy-ups\` socket (100 variables);\nthe same client library measured both. The last column is nut-ts's advantage (>1× = better).\n\n${table}\n\n## Reading the numbers\n\n- LIST replies: NUT 2.8.0 writes BEGIN, each item and END separately without TCP_NODELAY, so\n  Nagle and delayed ACKs cost it about 44 ms per LIST; nut-ts writes a reply whole.\n- 1,000 concurrent clients: NUT 2.8.0 serves its clients from one poll loop and some requests\n  waited more than 10 s (n/a); it also stopped accepting near 1,100 idle connections here.\n- GET VAR round trips are on a par with NUT's C server at 1 and 64 clients on an idle machine;\n  other load on the 2 cores moves the 64-client rows by ±50 %, so run the bench on a quiet machine.\n- Memory: a Node process starts near 80 MB; NUT's upsd needs about 5 MB.\n- \`pnpm bench -- --quick\` runs a shorter version without the 1,000-client and large idle runs.\n`;
  console.log(table);
  if (!quick)
    writeFileSync(fileURLToPath(new URL('../../../docs/performance.md', import.meta.url)), report);
}

await main();
