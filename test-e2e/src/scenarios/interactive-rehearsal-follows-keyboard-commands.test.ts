import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSim } from '@nut-ts/sim';

function session(args: string[]) {
  const input = new PassThrough();
  let out = '';
  const waitFor = async (pattern: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(out)) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const run = runSim(['--interactive', ...args], {
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    input,
  });
  return { input, waitFor, run };
}

describe('nut-sim --interactive', () => {
  it('takes mains off / low / status / quit from the keyboard, and the hosts shut down in order', async () => {
    const { input, waitFor, run } = session(['--secondaries', '1']);
    await waitFor(/the site is up/);
    input.write('mains off\n');
    await waitFor(/secondary-1: ONBATT/);
    input.write('low\n');
    await waitFor(/shutdown primary: SHUTDOWNCMD ran/, 30_000);
    input.write('status\n');
    await waitFor(/ok {3}the primary shut down after every secondary had left/);
    input.write('quit\n');
    expect(await run).toBe(0);
  }, 60_000);

  it('cuts a host off and brings it back (in its own namespace with --netns, where possible)', async () => {
    const { input, waitFor, run } = session(['--secondaries', '1', '--netns']);
    await waitFor(/the site is up/);
    input.write('cut nobody\n');
    await waitFor(/no host 'nobody'/);
    input.write('cut secondary-1\n');
    await waitFor(/secondary-1: cut off from upsd/);
    input.write('reconnect secondary-1\n');
    await waitFor(/secondary-1: link back/);
    input.write('quit\n');
    expect(await run).toBe(0);
  }, 60_000);
});
