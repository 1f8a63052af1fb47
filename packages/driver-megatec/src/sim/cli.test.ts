import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runMegatecSim } from './cli.js';

/** Runs megatec-sim in-process; resolves once it printed its first line. */
function start(argv: string[]) {
  const stdin = new PassThrough();
  const stop = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  let notify: (() => void) | undefined;
  const exited = runMegatecSim(argv, {
    stdout: (text) => {
      out.push(text);
      notify?.();
    },
    stderr: (text) => err.push(text),
    stdin,
    signal: stop.signal,
  });
  const nextLine = (count: number) =>
    new Promise<string>((resolve) => {
      const check = () => {
        if (out.length >= count) resolve(out[count - 1]!);
      };
      notify = check;
      check();
    });
  return { stdin, stop, out, err, exited, nextLine };
}

describe('megatec-sim', () => {
  it('listens on a free port, answers Q1 over TCP and takes control lines on stdin', async () => {
    const sim = start(['--tcp', '0', '--dialect', 'qs', '--charge', '50']);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(await sim.nextLine(1))?.[1]);
    expect(port).toBeGreaterThan(0);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('QS\r'));
      socket.on('data', (data) => {
        resolve(data.toString('latin1'));
        socket.destroy();
      });
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^\(230\.4 .{39}\r$/);
    sim.stdin.write('mains off\n');
    expect(JSON.parse(await sim.nextLine(2))).toMatchObject({ mains: false, charge: 50 });
    sim.stdin.write('fly away\n');
    expect(await sim.nextLine(3)).toMatch(/^error: unknown control/);
    sim.stop.abort();
    await expect(sim.exited).resolves.toBe(0);
  });

  it.each([
    [['--time-scale', '0'], /--time-scale needs a positive number/],
    [['--drain', 'fast'], /--drain needs a non-negative number/],
    [['--tcp', '99999'], /--tcp needs a port number/],
    [['--unknown', 'shout'], /--unknown must be echo or silent/],
    [['--frobnicate'], /Unknown option/],
  ])('refuses %j', async (argv, message) => {
    const sim = start(argv);
    await expect(sim.exited).resolves.toBe(1);
    expect(sim.err.join('')).toMatch(message);
  });
});
