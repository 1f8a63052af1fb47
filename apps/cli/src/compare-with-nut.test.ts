import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop, startNutSite, type NutSite } from '@nut-ts/testkit';
import { upsc } from './upsc.js';
import { upscmd } from './upscmd.js';
import { upsrw } from './upsrw.js';
import type { ToolIo } from './io.js';

const TOOLS = { upsc, upscmd, upsrw };

async function ours(tool: keyof typeof TOOLS, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: ToolIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} };
  const code = await TOOLS[tool](args, io);
  return { stdout, stderr, code };
}

/** Debian's tools always print this on stderr; it says nothing about the request. */
const clean = (text: string) => text.replace(/^Init SSL without certificate database\n/m, '');

describeInterop("upsc, upscmd and upsrw print what Debian's tools print", () => {
  let site: NutSite;
  beforeAll(async () => {
    site = await startNutSite();
    await site.waitForStatus();
  }, 30_000);
  afterAll(() => site?.stop());

  const cases: Array<[keyof typeof TOOLS, (s: NutSite) => string[]]> = [
    ['upsc', (s) => ['-l', `127.0.0.1:${s.port}`]],
    ['upsc', (s) => ['-L', `127.0.0.1:${s.port}`]],
    ['upsc', (s) => [`dummy@127.0.0.1:${s.port}`]],
    ['upsc', (s) => [`dummy@127.0.0.1:${s.port}`, 'battery.charge']],
    ['upsc', (s) => [`dummy@127.0.0.1:${s.port}`, 'nonexist.var']],
    ['upsc', (s) => [`nope@127.0.0.1:${s.port}`]],
    ['upsc', (s) => ['-c', `dummy@127.0.0.1:${s.port}`]],
    ['upsc', () => ['dummy@127.0.0.1:1']],
    ['upscmd', (s) => ['-l', `dummy@127.0.0.1:${s.port}`]],
    [
      'upscmd',
      (s) => ['-u', 'admin', '-p', 'adminpass', `dummy@127.0.0.1:${s.port}`, 'beeper.off'],
    ],
    ['upscmd', (s) => ['-u', 'admin', '-p', 'adminpass', `dummy@127.0.0.1:${s.port}`, 'load.off']],
    ['upscmd', (s) => ['-u', 'ro', '-p', 'ropass', `dummy@127.0.0.1:${s.port}`, 'load.off']],
    ['upsrw', (s) => [`dummy@127.0.0.1:${s.port}`]],
    [
      'upsrw',
      (s) => ['-s', 'ups.foo=1', '-u', 'admin', '-p', 'adminpass', `dummy@127.0.0.1:${s.port}`],
    ],
    [
      'upsrw',
      (s) => ['-s', 'ups.load=43', '-u', 'ro', '-p', 'ropass', `dummy@127.0.0.1:${s.port}`],
    ],
    [
      'upsrw',
      (s) => ['-s', 'ups.load=42', '-u', 'admin', '-p', 'adminpass', `dummy@127.0.0.1:${s.port}`],
    ],
  ];

  for (const [tool, args] of cases) {
    it(`${tool} ${args({ port: 'PORT' } as unknown as NutSite).join(' ')}`, async () => {
      const theirs = await site.client(tool, args(site));
      const mine = await ours(tool, args(site));
      expect({ stdout: mine.stdout, code: mine.code }).toEqual({
        stdout: theirs.stdout,
        code: theirs.code,
      });
      expect(clean(mine.stderr)).toBe(clean(theirs.stderr));
    });
  }

  it('prints JSON that parses with -j', async () => {
    const all = await ours('upsc', ['-j', `dummy@127.0.0.1:${site.port}`]);
    expect(JSON.parse(all.stdout)['device.model']).toBe('Dummy UPS');
    const error = await ours('upsc', ['-j', `nope@127.0.0.1:${site.port}`]);
    expect(JSON.parse(error.stdout)).toEqual({ error: 'Unknown UPS' });
    const empty = await ours('upsc', ['-j', '-c', `dummy@127.0.0.1:${site.port}`]);
    expect(JSON.parse(empty.stdout)).toEqual([]);
  });
});
