import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, waitFor } from '@nut-ts/testkit';
import { runDriverCli, type DriverIo } from './cli.js';
import type { Driver, DriverContext, DriverMeta } from './driver.js';

const META: DriverMeta = { name: 'fake-ups', version: '1.0', description: 'Fake driver' };
const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

/** A driver that records what it was given and what it was asked to do. */
class RecordingDriver implements Driver {
  ctx: DriverContext | undefined;
  updates = 0;
  killed = 0;
  closed = 0;
  killpower?: (ctx: DriverContext) => Promise<void>;
  constructor(canKill: boolean, killFails = false) {
    if (canKill)
      this.killpower = async () => {
        if (killFails) throw new Error('the UPS refused shutdown.return 3 times');
        this.killed++;
      };
  }
  async init(ctx: DriverContext): Promise<void> {
    this.ctx = ctx;
  }
  async update(ctx: DriverContext): Promise<void> {
    this.updates++;
    ctx.store.setInfo('ups.status', 'OL');
  }
  async close(): Promise<void> {
    this.closed++;
  }
}

/** A configuration directory with one section, and an io that records everything. */
function site(section = '[rack]\n  driver = fake-ups\n  port = none\n  offdelay = 30\n') {
  const temp = makeTempDir('nut-drvcli-');
  temps.push(temp);
  mkdirSync(join(temp.path, 'state'));
  writeFileSync(join(temp.path, 'ups.conf'), section);
  const out = { stdout: '', stderr: '', log: '' };
  const signals = new EventEmitter();
  const io: DriverIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env: { NUT_CONFPATH: temp.path, NUT_STATEPATH: join(temp.path, 'state') },
    signals,
    log: { write: (line) => void (out.log += line) },
  };
  return { dir: temp.path, io, out, signals };
}

const NO_STACK = /\n\s+at /;

describe('runDriverCli: errors are one line and exit 1, never a stack trace', () => {
  it('a driver factory that throws: one line per problem, naming the option', async () => {
    const { io, out } = site();
    const code = await runDriverCli(
      ['-a', 'rack'],
      io,
      () => {
        throw new Error(
          'ups.conf [rack]: offdelay = 5: must be whole seconds 12-600\nups.conf [rack]: cablepower = x: must be normal, reverse, both or none',
        );
      },
      META,
    );
    expect(code).toBe(1);
    expect(out.stderr).toBe(
      'fake-ups: ups.conf [rack]: offdelay = 5: must be whole seconds 12-600\n' +
        'fake-ups: ups.conf [rack]: cablepower = x: must be normal, reverse, both or none\n',
    );
  });

  it('a factory throwing something that is not an Error still gets a line', async () => {
    const { io, out } = site();
    const code = await runDriverCli(
      ['-a', 'rack'],
      io,
      () => {
        throw 'bad port';
      },
      META,
    );
    expect([code, out.stderr]).toEqual([1, 'fake-ups: bad port\n']);
  });

  it.each([
    [['-a', 'rack', '-z'], 'fake-ups: unknown option -z. Try -h for help.\n'],
    [['-a'], 'fake-ups: option -a needs a value. Try -h for help.\n'],
    [[], 'fake-ups: -a <upsname> is required. Try -h for help.\n'],
    [['-a', 'rack', '-x', '=5'], "fake-ups: -x '=5': needs key=value or a flag name\n"],
    [['-a', 'nope'], /^fake-ups: no section \[nope\] with driver and port in .*ups\.conf\n$/],
    [
      ['-a', 'rack', '-x', 'pollinterval=abc'],
      /^fake-ups: .*ups\.conf \[rack\]: pollinterval = abc: must be a whole number of seconds, 1 or more\n$/,
    ],
  ])('%j', async (argv, message) => {
    const { io, out } = site();
    const code = await runDriverCli(argv, io, () => new RecordingDriver(false), META);
    expect(code).toBe(1);
    if (typeof message === 'string') expect(out.stderr).toBe(message);
    else expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(NO_STACK);
  });

  it('a broken ups.conf names file:line', async () => {
    const { io, out } = site('pollinterval = abc\n[rack]\n  driver = fake-ups\n  port = none\n');
    expect(await runDriverCli(['-a', 'rack'], io, () => new RecordingDriver(false), META)).toBe(1);
    expect(out.stderr).toMatch(/^fake-ups: configuration error:\n.*ups\.conf:1: pollinterval/);
  });
});

describe('runDriverCli: -x, -k and signals', () => {
  it('-x key=value overrides ups.conf (keys lower-cased) and -x name sets a flag', async () => {
    const { io } = site();
    let given: DriverContext | undefined;
    const code = await runDriverCli(
      ['-a', 'rack', '-x', 'OffDelay=120', '-x', 'newkey=a=b', '-x', 'stayoff', '-k'],
      io,
      (ctx) => ((given = ctx), new RecordingDriver(true)),
      META,
    );
    expect(code).toBe(0);
    expect(given?.options).toMatchObject({ offdelay: '120', newkey: 'a=b', port: 'none' });
    expect(given?.flags).toEqual(['stayoff']);
  });

  it('-k inits the driver, tells the UPS to cut power, closes it and exits 0', async () => {
    const { io, out } = site();
    const driver = new RecordingDriver(true);
    expect(await runDriverCli(['-a', 'rack', '-k'], io, () => driver, META)).toBe(0);
    expect([driver.ctx?.upsName, driver.killed, driver.closed]).toEqual(['rack', 1, 1]);
    expect(out.log).toMatch(/the UPS was told to cut power/);
  });

  it('-k fails with exit 1 when the driver cannot cut power or the UPS refuses', async () => {
    const cannot = site();
    expect(
      await runDriverCli(['-a', 'rack', '-k'], cannot.io, () => new RecordingDriver(false), META),
    ).toBe(1);
    expect(cannot.out.stderr).toBe(
      'fake-ups: kill power failed: this driver cannot cut the UPS power\n',
    );
    const refused = site();
    const driver = new RecordingDriver(true, true);
    expect(await runDriverCli(['-a', 'rack', '-k'], refused.io, () => driver, META)).toBe(1);
    expect(refused.out.stderr).toBe(
      'fake-ups: kill power failed: the UPS refused shutdown.return 3 times\n',
    );
    expect(driver.closed).toBe(1);
  });

  it('serves the socket with the -x options published; SIGHUP polls at once; SIGTERM stops', async () => {
    const { io, dir, signals } = site();
    const driver = new RecordingDriver(false);
    const exit = runDriverCli(['-a', 'rack', '-x', 'pollinterval=3600'], io, () => driver, META);
    const socketPath = join(dir, 'state', 'fake-ups-rack');
    await waitFor(() => driver.updates === 1, { what: 'the first poll' });
    const dump = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(socketPath, () => socket.write('DUMPALL\n'));
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => {
        text += d;
        if (!text.endsWith('DUMPDONE\n')) return;
        socket.destroy();
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(dump).toContain('SETINFO driver.parameter.pollinterval "3600"');
    expect(dump).toContain('SETINFO driver.parameter.offdelay "30"');
    signals.emit('SIGHUP');
    await waitFor(() => driver.updates === 2, { what: 'the poll SIGHUP asked for' });
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(signals.listenerCount('SIGHUP')).toBe(0);
    expect(driver.closed).toBe(1);
  });
});
