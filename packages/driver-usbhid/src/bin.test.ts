import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeTempDir } from '@nut-ts/testkit';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/usbhid-ups.mjs', import.meta.url));
const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** Runs the built usbhid-ups with one ups.conf section `[ups]`. */
async function usbhidUps(section: string, ...args: string[]) {
  const dir = makeTempDir('nut-usbhid-bin-');
  dirs.push(dir);
  writeFileSync(join(dir.path, 'ups.conf'), `[ups]\n  driver = usbhid-ups\n${section}`);
  const env = { ...process.env, NUT_CONFPATH: dir.path, NUT_STATEPATH: dir.path };
  return run(process.execPath, [bin, '-a', 'ups', ...args], { env, timeout: 20_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('the usbhid-ups program (built)', () => {
  it('refuses a fake model that does not exist, naming the ones that do', async () => {
    const result = await usbhidUps('  port = fake:nope\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'port = fake:nope: no such fake model (use fake:apc, fake:cyberpower, fake:eaton)',
    );
  });

  it('refuses an unknown option or flag in ups.conf, naming each, before it starts', async () => {
    const result = await usbhidUps('  port = fake:apc\n  offdealy = 20\n  interuptonly\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "usbhid-ups: 'offdealy' is not a valid variable name for usbhid-ups",
    );
    expect(result.stderr).toContain(
      "usbhid-ups: 'interuptonly' is not a valid flag for usbhid-ups",
    );
  });

  it('-k on a fake UPS: tells it to cut power and exits (the fake control socket does not keep it alive)', async () => {
    const result = await usbhidUps('  port = fake:apc\n', '-k');
    expect(result.stderr).toMatch(/the UPS was told to cut power/);
    expect(result.code).toBe(0);
  });
});
