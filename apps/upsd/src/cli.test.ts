import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, makeTempDir, spawnProcess, stopAll, waitFor } from '@nut-ts/testkit';
import { RawSession } from './test/raw-session.js';

// Spawns the built bin: run `npx tsc -b apps/upsd` first (the root `npm test` builds).
const UPSD = fileURLToPath(new URL('../bin/upsd.mjs', import.meta.url));

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  await stopAll();
  for (const step of cleanup.splice(0)) await step();
});

interface Site {
  dir: string;
  port: number;
  env: NodeJS.ProcessEnv;
  write(file: string, text: string): void;
}

async function site(ups = '[one]\n  driver = fake\n  port = none\n'): Promise<Site> {
  const temp = makeTempDir('nut-upsd-cli-');
  cleanup.push(() => temp.remove());
  const port = await freePort();
  const write = (file: string, text: string) =>
    writeFileSync(join(temp.path, file), text, { mode: 0o600 });
  write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  write('ups.conf', ups);
  write('upsd.users', '[mon]\n  password = pw\n  upsmon secondary\n');
  const env = { ...process.env, NUT_CONFPATH: temp.path, NUT_STATEPATH: temp.path };
  return { dir: temp.path, port, env, write };
}

/** Runs the bin to completion. */
async function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const proc = spawnProcess('upsd', process.execPath, [UPSD, ...args], { env });
  const code = await proc.exited;
  return { code, output: proc.output() };
}

describe('upsd command line', () => {
  it('-V, -h and a bad option', async () => {
    expect(await run(['-V'])).toEqual({
      code: 0,
      output: 'Network UPS Tools upsd 2.8.0 (nut-ts 0.1.0)\n',
    });
    const help = await run(['-h']);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/^usage: upsd/);
    const bad = await run(['-Z']);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("Unknown option '-Z'");
  });

  it('refuses bad configuration naming file:line, and every error at once', async () => {
    const s = await site();
    s.write('upsd.conf', `LISTEN 127.0.0.1 ${s.port}\nMAXAGE soon\nMAXCONN -3\n`);
    const result = await run(['-F'], s.env);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${join(s.dir, 'upsd.conf')}:2: MAXAGE`);
    expect(result.output).toContain(`${join(s.dir, 'upsd.conf')}:3: MAXCONN`);
  });

  it("refuses to start as NUT's upsd does: no upsd.conf, no UPS, a LISTEN that cannot be bound", async () => {
    const s = await site('');
    const noUps = await run(['-F'], s.env);
    expect(noUps.code).toBe(1);
    expect(noUps.output).toContain('no UPS defined');

    s.write('ups.conf', '[one]\n  driver = fake\n  port = none\n');
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(s.port, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => taken.close(resolve)));
    const busy = await run(['-F'], s.env);
    expect(busy.code).toBe(1);
    expect(busy.output).toContain(`cannot listen on 127.0.0.1 port ${s.port}`);
    expect(existsSync(join(s.dir, 'upsd.pid'))).toBe(false);

    s.write('upsd.conf', `LISTEN 127.0.0.1 ${s.port}\nCERTFILE ${join(s.dir, 'no.pem')}\n`);
    const cert = await run(['-F'], s.env);
    expect(cert.code).toBe(1);
    expect(cert.output).toContain(`cannot use CERTFILE ${join(s.dir, 'no.pem')}`);

    const none = await run(['-F'], { ...s.env, NUT_CONFPATH: join(s.dir, 'missing') });
    expect(none.code).toBe(1);
    expect(none.output).toContain('upsd.conf');
  });

  it('writes a PID file, reloads on -c reload without dropping clients, stops on -c stop', async () => {
    const s = await site();
    const upsd = spawnProcess('upsd', process.execPath, [UPSD, '-F'], { env: s.env });
    await upsd.waitForOutput(/upsd started/);
    const pidFile = join(s.dir, 'upsd.pid');
    expect(readFileSync(pidFile, 'utf8')).toBe(`${upsd.child.pid}\n`);

    const client = await RawSession.open(s.port);
    cleanup.push(() => client.close());
    for (const line of ['USERNAME mon', 'PASSWORD pw', 'LOGIN one']) {
      expect(await client.send(`${line}\n`)).toBe('OK\n');
    }

    s.write(
      'ups.conf',
      '[one]\n  driver = fake\n  port = none\n[two]\n  driver = fake\n  port = none\n  desc = "Added"\n',
    );
    expect((await run(['-c', 'reload'], s.env)).code).toBe(0);
    await waitFor(async () => (await client.send('LIST UPS\n')).includes('UPS two "Added"'), {
      what: 'second UPS after reload',
    });
    expect(await client.send('LIST CLIENT one\n')).toBe(
      'BEGIN LIST CLIENT one\nCLIENT one 127.0.0.1\nEND LIST CLIENT one\n',
    );

    // A broken file or CERTFILE on reload keeps the running configuration (and says why).
    s.write('ups.conf', '[one]\n  driver = fake\n  port = none\n');
    s.write('upsd.conf', `CERTFILE ${join(s.dir, 'no.pem')}\n`);
    expect((await run(['-c', 'reload'], s.env)).code).toBe(0);
    await upsd.waitForOutput(/reload failed, keeping the old configuration: cannot use CERTFILE/);
    s.write('upsd.conf', 'MAXAGE never\n');
    expect((await run(['-c', 'reload'], s.env)).code).toBe(0);
    await upsd.waitForOutput(/reload failed[^\n]*MAXAGE/);
    expect(await client.send('LIST UPS\n')).toContain('UPS two');

    // -c works even while upsd.conf is broken.
    expect((await run(['-c', 'stop'], s.env)).code).toBe(0);
    expect(await upsd.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
    const after = await run(['-c', 'stop'], s.env);
    expect(after.code).toBe(1);
    expect(after.output).toContain('is the daemon running?');
  });

  it('SIGTERM stops cleanly and -P names the process to signal', async () => {
    const s = await site();
    const upsd = spawnProcess('upsd', process.execPath, [UPSD, '-F'], { env: s.env });
    await upsd.waitForOutput(/upsd started/);
    expect((await run(['-c', 'reload', '-P', 'x'], s.env)).code).toBe(1);
    expect((await run(['-c', 'reload', '-P', String(upsd.child.pid)], s.env)).code).toBe(0);
    await upsd.waitForOutput(/configuration reloaded/);
    upsd.child.kill('SIGTERM');
    expect(await upsd.exited).toBe(0);
    expect(upsd.output()).toContain('"signal":"SIGTERM"');
  });
});
