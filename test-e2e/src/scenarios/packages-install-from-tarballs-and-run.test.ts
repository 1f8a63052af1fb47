import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, makeTempDir, spawnProcess, stopAll, waitFor } from '@nut-ts/testkit';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The pnpm that runs this test (npm test may have fetched it with npx), else pnpm on PATH. */
const PNPM: [string, string[]] = process.env.npm_execpath?.includes('pnpm')
  ? [process.execPath, [process.env.npm_execpath]]
  : ['pnpm', []];
const PUBLISHED = [
  'packages/core',
  'packages/protocol',
  'packages/config',
  'packages/client',
  'packages/driver-kit',
  'packages/driver-dummy',
  'packages/driver-megatec',
  'packages/driver-usbhid',
  'apps/upsd',
  'apps/upsmon',
  'apps/cli',
  'apps/sim',
  'apps/web',
];

describe('the apps install from their npm tarballs', () => {
  const temp = makeTempDir('nut-pack-');
  afterAll(async () => {
    await stopAll();
    temp.remove();
  });

  it('packs every package, installs the tarballs into an empty prefix, and runs the programs', async () => {
    const tarballs = join(temp.path, 'tarballs');
    mkdirSync(tarballs);
    for (const dir of PUBLISHED) {
      expect(
        JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')).private,
      ).toBeUndefined();
      execFileSync(PNPM[0], [...PNPM[1], 'pack', '--pack-destination', tarballs], {
        cwd: join(ROOT, dir),
        stdio: 'ignore',
      });
    }
    const prefix = join(temp.path, 'prefix');
    mkdirSync(prefix);
    writeFileSync(
      join(prefix, 'package.json'),
      '{"name":"probe","version":"1.0.0","private":true}\n',
    );
    const files = readdirSync(tarballs).map((file) => join(tarballs, file));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
      cwd: prefix,
      stdio: 'ignore',
    });
    const bin = (name: string) => join(prefix, 'node_modules', '.bin', name);

    for (const program of [
      'upsd',
      'upsmon',
      'upsc',
      'upscmd',
      'upsrw',
      'upsdrvctl',
      'dummy-ups',
      'nutdrv_qx',
      'usbhid-ups',
      'megatec-sim',
      'nut-sim',
      'nut-web',
    ]) {
      const help = execFileSync(bin(program), ['--help'], { encoding: 'utf8' });
      expect(help, program).toMatch(/usage/i);
    }

    // A short real run from the installed copy: dummy-ups feeding upsd, read with upsc.
    const etc = join(temp.path, 'etc');
    mkdirSync(etc);
    const port = await freePort();
    writeFileSync(join(etc, 'ups.conf'), '[demo]\n  driver = dummy-ups\n  port = demo.dev\n');
    writeFileSync(join(etc, 'demo.dev'), 'ups.status: OL\nbattery.charge: 97\n');
    writeFileSync(join(etc, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
    writeFileSync(join(etc, 'upsd.users'), '[a]\n  password = b\n');
    chmodSync(join(etc, 'upsd.users'), 0o600);
    const env = { ...process.env, NUT_CONFPATH: etc, NUT_STATEPATH: etc };
    spawnProcess('installed dummy-ups', bin('dummy-ups'), ['-a', 'demo'], { env });
    spawnProcess('installed upsd', bin('upsd'), [], { env });
    const charge = await waitFor(
      () => {
        try {
          return execFileSync(bin('upsc'), [`demo@127.0.0.1:${port}`, 'battery.charge'], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
          }).trim();
        } catch {
          return undefined;
        }
      },
      { what: 'installed upsc reading installed upsd', timeoutMs: 20_000 },
    );
    expect(charge).toBe('97');
  }, 120_000);
});
