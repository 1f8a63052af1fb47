import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tokenizeLine } from '@nut-ts/protocol';
import { makeTempDir, spawnProcess, waitFor, type SpawnedProcess } from '@nut-ts/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../bin/${name}.mjs`, import.meta.url));

/** megatec-sim as a process, driven through its stdin control lines. */
async function startSimulator(args: string[] = []) {
  const sim = spawnProcess(
    'megatec-sim',
    process.execPath,
    [bin('megatec-sim'), '--tcp', '0', ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const port = Number((await sim.waitForOutput(/listening on 127\.0\.0\.1:(\d+)/))[1]);
  const answers = createInterface({ input: sim.child.stdout! });
  const control = (line: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      answers.once('line', (answer) => resolve(JSON.parse(answer) as Record<string, unknown>));
      sim.child.stdin!.write(`${line}\n`);
    });
  return { sim, port, control };
}

/** A client of the driver socket, as upsd is: DUMPALL, then INSTCMD/SET. */
async function driverSocket(path: string) {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(path, () => resolve(s));
    s.once('error', reject);
  });
  const vars = new Map<string, string>();
  const lines = createInterface({ input: socket });
  lines.on('line', (line) => {
    const [keyword, name, value] = tokenizeLine(line);
    if (keyword === 'SETINFO' && name !== undefined) vars.set(name, value ?? '');
  });
  socket.write('DUMPALL\n');
  await waitFor(() => vars.has('ups.status'), { what: 'the dump from our nutdrv_qx' });
  return {
    vars,
    send: (line: string) => socket.write(`${line}\n`),
    close: () => socket.destroy(),
  };
}

describe('nutdrv_qx and megatec-sim as programs', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const procs: SpawnedProcess[] = [];
  const closers: Array<() => void> = [];
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    temp = makeTempDir('qx-e2e-');
    mkdirSync(join(temp.path, 'etc'));
    mkdirSync(join(temp.path, 'state'));
    env = {
      ...process.env,
      NUT_CONFPATH: join(temp.path, 'etc'),
      NUT_STATEPATH: join(temp.path, 'state'),
    };
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await Promise.all(procs.splice(0).map((p) => p.stop()));
    temp.remove();
  });
  const upsConf = (body: string) =>
    writeFileSync(
      join(temp.path, 'etc', 'ups.conf'),
      `pollinterval = 1\n[qx]\n  driver = nutdrv_qx\n${body}`,
    );

  it('our nutdrv_qx reads megatec-sim over TCP, follows a power cut and carries commands to it', async () => {
    const { sim, port, control } = await startSimulator(['--time-scale', '60', '--drain', '0']);
    procs.push(sim);
    upsConf(`  port = tcp://127.0.0.1:${port}\n  ondelay = 60\n`);
    const driver = spawnProcess('nutdrv_qx', process.execPath, [bin('nutdrv_qx'), '-a', 'qx'], {
      env,
    });
    procs.push(driver);
    const socketPath = join(temp.path, 'state', 'nutdrv_qx-qx');
    await waitFor(() => existsSync(socketPath), { what: 'the driver socket' });
    const upsd = await driverSocket(socketPath);
    closers.push(upsd.close);
    expect(upsd.vars.get('ups.status')).toBe('OL');
    expect(upsd.vars.get('device.model')).toBe('SIM-1000');
    expect(upsd.vars.get('driver.version.data')).toBe('Megatec');
    await control('mains off');
    await waitFor(() => upsd.vars.get('ups.status')?.startsWith('OB'), { what: 'OB' });
    await control('battery 10');
    await waitFor(() => /^OB LB/.test(upsd.vars.get('ups.status') ?? ''), { what: 'OB LB' });
    upsd.send('INSTCMD beeper.toggle');
    await waitFor(async () => (await control('status')).beeper === false, {
      what: 'beeper toggled',
    });
    upsd.send('SET ups.delay.shutdown 60');
    await waitFor(() => upsd.vars.get('ups.delay.shutdown') === '60', { what: 'the new delay' });
    upsd.send('INSTCMD shutdown.return');
    await waitFor(async () => (await control('status')).shutdownPending === true, {
      what: 'the shutdown',
    });
    // 60 s of UPS time at 60x: the output goes, the UPS dies, the driver notices (it calls the
    // data stale only on the 5th failed poll, as NUT; the runtime tests count them).
    await waitFor(async () => (await control('status')).output === false, {
      what: 'output off',
      timeoutMs: 5000,
    });
    await driver.waitForOutput(/UPS not answering/, 10_000);
    await control('mains on');
    await waitFor(async () => (await control('status')).output === true, {
      what: 'output back',
      timeoutMs: 10_000,
    });
    await driver.waitForOutput(/communication with the UPS restored/, 10_000);
  }, 40_000);

  it('-k tells the UPS to cut power with the configured delays, and exits 0', async () => {
    const { sim, port, control } = await startSimulator();
    procs.push(sim);
    upsConf(`  port = tcp://127.0.0.1:${port}\n  offdelay = 120\n  ondelay = 300\n`);
    await run(process.execPath, [bin('nutdrv_qx'), '-a', 'qx', '-k'], { env });
    expect(await control('status')).toMatchObject({ shutdownPending: true });
    const received = await new Promise<string>((resolve) => {
      createInterface({ input: sim.child.stdout! }).once('line', resolve);
      sim.child.stdin!.write('received\n');
    });
    expect(JSON.parse(received).slice(-2)).toEqual(['C', 'S02R0005']);
  }, 20_000);

  it('a bad option stops the driver with a message naming the section and the option', async () => {
    upsConf('  port = /dev/ttyS0\n  offdelay = 5\n  cablepower = sideways\n');
    const failure = await run(process.execPath, [bin('nutdrv_qx'), '-a', 'qx'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain(
      `${join(temp.path, 'etc', 'ups.conf')} [qx]: offdelay = 5: must be whole seconds 12-600`,
    );
    expect(stderr).toContain('cablepower = sideways');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('megatec-sim refuses bad arguments and answers --help and -V', async () => {
    const { stdout } = await run(process.execPath, [bin('megatec-sim'), '--help']);
    expect(stdout).toMatch(/--time-scale/);
    expect((await run(process.execPath, [bin('megatec-sim'), '-V'])).stdout).toMatch(
      /^megatec-sim \d/,
    );
    const failure = await run(process.execPath, [bin('megatec-sim'), '--dialect', 'Q9']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--dialect must be Q1, QS or D/),
    });
  });
});
