import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, realNutStatus, spawnProcess, startNutSite, waitFor, DEFAULT_USERS } from '@nut-ts/testkit';
import { NutClient } from '@nut-ts/client';
import { getVarThroughput, idleConnections, listLatency, pipelined } from './measure.js';

/** 100 variables, as a mid-size UPS publishes. */
function devFile(): string {
  const lines = ['ups.status: OL', 'ups.mfr: Bench', 'ups.model: Bench 100'];
  for (let i = lines.length; i < 100; i++) lines.push(`experimental.bench.v${String(i).padStart(3, '0')}: ${i * 1.5}`);
  return `${lines.join('\n')}\n`;
}

const rss = (pid: number) => () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function main(): Promise<void> {
  const status = realNutStatus();
  if (!status.available) {
    console.error(`bench: ${status.reason}`);
    process.exit(1);
  }
  const quick = process.argv.includes('--quick');
  const duration = quick ? 1000 : 3000;
  console.error('bench: starting Debian NUT 2.8.0 (dummy-ups + upsd) and nut-ts upsd on the same driver socket');
  const site = await startNutSite({ ups: { bench: { file: 'bench.dev', content: devFile(), desc: 'bench' } }, upsdConf: 'MAXCONN 20000\n' });
  await site.waitForStatus('bench');
  const ourConf = join(site.dir, 'ours');
  mkdirSync(ourConf);
  const ourPort = await freePort();
  writeFileSync(join(ourConf, 'upsd.conf'), `LISTEN 127.0.0.1 ${ourPort}\nMAXCONN 20000\n`);
  writeFileSync(join(ourConf, 'ups.conf'), readFileSync(join(site.confPath, 'ups.conf')));
  writeFileSync(join(ourConf, 'upsd.users'), DEFAULT_USERS);
  chmodSync(join(ourConf, 'upsd.users'), 0o600);
  const upsdBin = fileURLToPath(new URL('../../../apps/upsd/bin/upsd.mjs', import.meta.url));
  const ours = spawnProcess('nut-ts upsd', process.execPath, [upsdBin, '-F'], { env: { ...site.env, NUT_CONFPATH: ourConf } });
  await waitFor(async () => {
    const c = new NutClient({ host: '127.0.0.1', port: ourPort, reconnect: false });
    try {
      await c.connect();
      return (await c.getVar('bench', 'ups.status')) === 'OL';
    } catch {
      return false;
    } finally {
      await c.close().catch(() => {});
    }
  }, { what: 'nut-ts upsd' });

  const servers = [
    { name: 'NUT 2.8.0', port: site.port, pid: site.upsd!.child.pid! },
    { name: 'nut-ts', port: ourPort, pid: ours.child.pid! },
  ];
  const rows: Array<[string, string, string, string]> = [];
  const add = (what: string, theirs: number, mine: number, higherIsBetter: boolean, digits = 2) =>
    rows.push([what, fmt(theirs, digits), fmt(mine, digits), fmt(higherIsBetter ? mine / theirs : theirs / mine) + '×']);

  for (const clients of [1, 64, ...(quick ? [] : [1000])]) {
    const [a, b] = await Promise.all([getVarThroughput(servers[0]!.port, clients, duration), Promise.resolve()]).then(async ([x]) => [x, await getVarThroughput(servers[1]!.port, clients, duration)] as const);
    console.error(`bench: GET VAR with ${clients} client(s) done`);
    add(`GET VAR round trips/s, ${clients} client(s)`, a.rps, b.rps, true, 0);
    add(`GET VAR p50 ms, ${clients} client(s)`, a.p50, b.p50, false, 3);
    add(`GET VAR p99 ms, ${clients} client(s)`, a.p99, b.p99, false, 3);
  }
  const listCount = quick ? 10 : 40;
  const [la, lb] = [await listLatency(servers[0]!.port, listCount), await listLatency(servers[1]!.port, listCount)];
  add(`LIST VAR (${lb.vars} variables) p50 ms`, la.p50, lb.p50, false, 3);
  add(`LIST VAR (${lb.vars} variables) p99 ms`, la.p99, lb.p99, false, 3);
  const [pa, pb] = [await pipelined(servers[0]!.port, 1000), await pipelined(servers[1]!.port, 1000)];
  add('1000 pipelined GET VAR, total ms', pa, pb, false, 1);
  const idleCount = quick ? 500 : 5000;
  const [ia, ib] = [await idleConnections(servers[0]!.port, idleCount, rss(servers[0]!.pid)), await idleConnections(servers[1]!.port, idleCount, rss(servers[1]!.pid))];
  add(`idle connections held (of ${idleCount})`, ia.held, ib.held, true, 0);
  add('RSS per idle connection, KB', ia.kbPerConnection, ib.kbPerConnection, false, 1);
  add('idle RSS of upsd, MB', rss(servers[0]!.pid)() / 1024, rss(servers[1]!.pid)() / 1024, false, 1);

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = [
    `| measure | NUT 2.8.0 | nut-ts | nut-ts advantage |`,
    `|---|---:|---:|---:|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const report = `# Performance\n\nLatest \`pnpm bench\` run (${new Date().toISOString().slice(0, 10)}, ${machine}). Both servers ran on\nthis machine at the same time, reading the same Debian \`dummy-ups\` socket (100 variables);\nthe same client library measured both. The last column is nut-ts's advantage (>1× = better).\n\n${table}\n`;
  console.log(table);
  if (!quick) writeFileSync(fileURLToPath(new URL('../../../docs/performance.md', import.meta.url)), report);
  await ours.stop();
  await site.stop();
}

await main();
