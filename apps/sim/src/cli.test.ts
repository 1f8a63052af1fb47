import { describe, expect, it } from 'vitest';
import { runSim } from './cli.js';

async function sim(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runSim(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('nut-sim options', () => {
  it('documents the network and mixed-site options in --help', async () => {
    const { code, out } = await sim(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--netns');
    expect(out).toContain('--nut-secondaries N');
  });

  it.each([
    [['--nut-secondaries', '4', '--secondaries', '3'], '--nut-secondaries must be'],
    [['--nut-secondaries', 'two'], '--nut-secondaries must be'],
    [['--secondaries=-1'], '--secondaries must be'],
    [['--ups', 'apc'], "--ups must be dummy or megatec, not 'apc'"],
    [['--scenario', 'flood'], "unknown scenario 'flood'"],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const { code, err } = await sim(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
