import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import {
  NUT_SBIN,
  describeInterop,
  makeTempDir,
  spawnProcess,
  waitFor,
  type SpawnedProcess,
} from '@nut-ts/testkit';
import { parseMegatecOptions } from './driver/options.js';
import { MegatecDriver } from './megatec-driver.js';
import { MegatecUps } from './sim/megatec-ups.js';
import { serveOverPty } from './sim/pty-server.js';
import { serveOverTcp } from './sim/tcp-server.js';

const run = promisify(execFile);

/** Variables both drivers derive from the same UPS answers. */
const COMPARED = [
  'battery.charge',
  'battery.voltage.nominal',
  'battery.voltage',
  'battery.voltage.high',
  'battery.voltage.low',
  'device.mfr',
  'device.model',
  'input.current.nominal',
  'input.frequency',
  'input.frequency.nominal',
  'input.voltage',
  'input.voltage.nominal',
  'input.voltage.fault',
  'output.voltage',
  'ups.beeper.status',
  'ups.delay.shutdown',
  'ups.delay.start',
  'ups.firmware',
  'ups.load',
  'ups.status',
  'ups.temperature',
  'ups.type',
];

describeInterop("Debian's nutdrv_qx 2.8.0 and ours read the Megatec simulator alike", () => {
  const temp = makeTempDir('nut-qx-');
  let ups = new MegatecUps();
  let socat: SpawnedProcess;
  let pty: { close(): void };
  let tcp: Awaited<ReturnType<typeof serveOverTcp>>;

  beforeAll(async () => {
    socat = spawnProcess('socat', 'socat', [
      `pty,raw,echo=0,link=${temp.path}/ttyA`,
      `pty,raw,echo=0,link=${temp.path}/ttyB`,
    ]);
    await waitFor(() => existsSync(`${temp.path}/ttyA`) && existsSync(`${temp.path}/ttyB`), {
      what: 'pty pair',
    });
    await serve();
    mkdirSync(join(temp.path, 'etc'));
    mkdirSync(join(temp.path, 'state'));
    writeFileSync(
      join(temp.path, 'etc', 'ups.conf'),
      `[qx]\n  driver = nutdrv_qx\n  port = ${temp.path}/ttyA\n  protocol = megatec\n`,
    );
  });
  /** Puts `ups` on the pty and on TCP. */
  async function serve(): Promise<void> {
    pty?.close();
    await tcp?.close();
    pty = serveOverPty(ups, `${temp.path}/ttyB`);
    tcp = await serveOverTcp(ups);
  }

  afterAll(async () => {
    pty?.close();
    await tcp?.close();
    await socat?.stop();
    temp.remove();
  });

  async function theirs(): Promise<Record<string, string>> {
    const env = {
      ...process.env,
      NUT_CONFPATH: join(temp.path, 'etc'),
      NUT_STATEPATH: join(temp.path, 'state'),
    };
    const args = ['-a', 'qx', '-d', '1', ...(process.getuid?.() === 0 ? ['-u', 'root'] : [])];
    const { stdout } = await run(`${NUT_SBIN}/nutdrv_qx`, args, { env, timeout: 20_000 });
    return Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(': ') as [string, string]),
    );
  }

  async function ours(port = `tcp://127.0.0.1:${tcp.port}`): Promise<Record<string, string>> {
    const store = new StateStore();
    const ctx: DriverContext = {
      upsName: 'qx',
      store,
      status: new StatusBuilder(store),
      options: { port, protocol: 'megatec' },
      flags: [],
      confDir: temp.path,
      logger: noopLogger,
      clock: new ManualClock(0),
    };
    const driver = new MegatecDriver(parseMegatecOptions(ctx.options, [], 'ups.conf [qx]'));
    try {
      await driver.init(ctx);
      await driver.update(ctx);
    } finally {
      await driver.close();
    }
    return Object.fromEntries(store.names().map((name) => [name, store.getInfo(name)!]));
  }

  const pick = (all: Record<string, string>) =>
    Object.fromEntries(COMPARED.map((name) => [name, all[name]]));

  it('on line', async () => {
    const nut = await theirs();
    expect(nut['ups.status']).toBe('OL');
    expect(pick(await ours())).toEqual(pick(nut));
  }, 30_000);

  it('on battery, low', async () => {
    ups.mains = false;
    ups.charge = 10;
    const nut = await theirs();
    expect(nut['ups.status']).toBe('OB LB');
    expect(pick(await ours())).toEqual(pick(nut));
  }, 30_000);

  it('with the battery reported per cell', async () => {
    ups = new MegatecUps({ batteryReport: 'cell' });
    await serve();
    const nut = await theirs();
    const mine = await ours();
    expect(nut['battery.voltage']).toBe('2.17');
    // NUT 2.8.0 takes the per-cell 2.17 V as the whole battery (charge 0); we scale it by the
    // 12 detected packs first. Everything else must match.
    expect(nut['battery.charge']).toBe('0');
    expect(mine['battery.charge']).toBe('100');
    expect(pick({ ...mine, 'battery.charge': '0' })).toEqual(pick(nut));
    ups = new MegatecUps();
    await serve();
  }, 30_000);

  it('our driver reads the pty through serialport (the real serial path) with the same values', async () => {
    ups.mains = true;
    ups.charge = 100;
    const nut = await theirs();
    expect(pick(await ours(`${temp.path}/ttyA`))).toEqual(pick(nut));
  }, 30_000);
});
