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
} from '@nut-ts/testkit';
import { NutClient } from '@nut-ts/client';
import { rssKb } from './process-stats.js';
import { BenchDriver } from './propagation.js';

/** One upsd under test. */
export interface Server {
  port: number;
  pid: number;
  /** RSS just after start-up, before any client came. */
  idleRssMb: number;
}

/** Both upsd servers, reading the same driver sockets, the bench's own driver, and for scale a
 * plain Node.js server that answers every line with a fixed reply (plain-node-server.ts). */
export interface Servers {
  nut: Server;
  ours: Server;
  plain: Server;
  driver: BenchDriver;
}

/** 100 variables, as a mid-size UPS publishes. */
function devFile(): string {
  const lines = ['ups.status: OL', 'ups.mfr: Bench', 'ups.model: Bench 100'];
  for (let i = lines.length; i < 100; i++)
    lines.push(`experimental.bench.v${String(i).padStart(3, '0')}: ${i * 1.5}`);
  return `${lines.join('\n')}\n`;
}

/** True once our upsd serves both UPSes. */
async function serving(port: number): Promise<boolean> {
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
}

/**
 * Debian's dummy-ups for `bench` (100 variables) and the bench's own driver for `prop`, read by
 * Debian's upsd and by ours, each on its own port. `cleanup` collects the steps that stop them.
 */
export async function startServers(cleanup: Array<() => Promise<unknown>>): Promise<Servers> {
  const status = realNutStatus();
  if (!status.available) throw new Error(status.reason);
  console.error('bench: starting Debian NUT 2.8.0 and nut-ts upsd on the same driver sockets');
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
  await waitFor(() => serving(port), { what: 'nut-ts upsd' });
  // Built JavaScript, also when the bench itself runs from source (tsx): no loader in the way.
  const plainScript = fileURLToPath(new URL('../dist/plain-node-server.js', import.meta.url));
  const plain = spawnProcess('plain Node.js server', process.execPath, [plainScript]);
  cleanup.push(() => plain.stop());
  const [, plainPort] = await plain.waitForOutput(/port (\d+)/);
  const server = (port: number, pid: number) => ({ port, pid, idleRssMb: rssKb(pid) / 1024 });
  return {
    nut: server(site.port, site.upsd!.child.pid!),
    ours: server(port, upsd.child.pid!),
    plain: server(Number(plainPort), plain.child.pid!),
    driver,
  };
}
