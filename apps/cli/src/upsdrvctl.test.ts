import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, waitFor } from '@nut-ts/testkit';
import { upsdrvctl } from './upsdrvctl.js';
import type { ToolIo } from './io.js';

const temps: Array<{ remove(): void }> = [];
const io = (env: NodeJS.ProcessEnv) => {
  const out = { stdout: '', stderr: '' };
  const tool: ToolIo = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env };
  return { out, tool };
};

afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

function site(upsConf: string) {
  const temp = makeTempDir('nut-drvctl-');
  temps.push(temp);
  writeFileSync(join(temp.path, 'ups.conf'), upsConf);
  writeFileSync(join(temp.path, 'a.dev'), 'ups.status: OL\n');
  return {
    dir: temp.path,
    env: { ...process.env, NUT_CONFPATH: temp.path, NUT_STATEPATH: temp.path },
  };
}

describe('upsdrvctl', () => {
  it('starts the drivers of ups.conf, reports the ones that fail, and stops them', async () => {
    const { dir, env } = site(
      'maxretry = 1\nmaxstartdelay = 5\n[a]\ndriver = dummy-ups\nport = a.dev\n[b]\ndriver = no-such-driver\nport = x\n',
    );
    const start = io(env);
    expect(await upsdrvctl(['start'], start.tool)).toBe(1);
    expect(existsSync(join(dir, 'dummy-ups-a'))).toBe(true);
    expect(start.out.stderr).toContain(
      "Can't start driver for UPS [b]: program 'no-such-driver' not found",
    );
    const stop = io(env);
    expect(await upsdrvctl(['stop', 'a'], stop.tool)).toBe(0);
    await waitFor(() => !existsSync(join(dir, 'dummy-ups-a')), { what: 'driver socket removed' });
  }, 20_000);

  it('shuts UPSes down in sdorder and says which could not', async () => {
    const { env } = site(
      '[a]\ndriver = dummy-ups\nport = a.dev\nsdorder = 2\n[never]\ndriver = dummy-ups\nport = a.dev\nsdorder = -1\n',
    );
    const dry = io(env);
    expect(await upsdrvctl(['-t', 'shutdown'], dry.tool)).toBe(0);
    expect(dry.out.stdout).toBe('would shutdown dummy-ups for [a]\n');
    const real = io(env);
    // dummy-ups has no way to cut power: the failure is reported, not hidden.
    expect(await upsdrvctl(['shutdown'], real.tool)).toBe(1);
    expect(real.out.stderr).toContain('Driver failed to shut down UPS [a]');
  }, 20_000);

  it('stops a driver whose broadcast update arrives before its answer to GETPID', async () => {
    const { dir, env } = site('[a]\ndriver = dummy-ups\nport = a.dev\n');
    const target = spawn('sleep', ['30']);
    const driver = createServer((socket) =>
      socket.once('data', () => socket.write(`SETINFO ups.status "OB"\nPID ${target.pid}\n`)),
    );
    driver.listen(join(dir, 'dummy-ups-a'));
    await once(driver, 'listening');
    try {
      const stop = io(env);
      expect(await upsdrvctl(['stop', 'a'], stop.tool)).toBe(0);
      const [, signal] = await once(target, 'exit');
      expect(signal).toBe('SIGTERM');
    } finally {
      target.kill();
      driver.close();
    }
  });

  it('prints help and refuses unknown commands', async () => {
    const { tool, out } = io({});
    expect(await upsdrvctl(['frob'], tool)).toBe(1);
    expect(out.stdout).toContain('usage: upsdrvctl');
  });
});
