import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop, startNutSite, type NutSite } from '@nut-ts/testkit';
import type { Upsd } from './create-upsd.js';
import { startOurUpsdOn } from './test/upsd-fixture.js';

const run = promisify(execFile);

/** Debian's clients, run against Debian's upsd and against ours over the same dummy-ups. */
const INVOCATIONS: Array<[string, (at: string) => string[]]> = [
  ['upsc', (at) => ['-l', at]],
  ['upsc', (at) => ['-L', at]],
  ['upsc', (at) => [`dummy@${at}`]],
  ['upsc', (at) => [`dummy@${at}`, 'ups.status']],
  ['upsc', (at) => [`dummy@${at}`, 'no.such.var']],
  ['upsc', (at) => [`nope@${at}`]],
  ['upscmd', (at) => ['-l', `dummy@${at}`]],
  ['upscmd', (at) => ['-u', 'admin', '-p', 'adminpass', `dummy@${at}`, 'beeper.off']],
  ['upscmd', (at) => ['-u', 'ro', '-p', 'ropass', `dummy@${at}`, 'load.off']],
  ['upsrw', (at) => [`dummy@${at}`]],
  ['upsrw', (at) => ['-s', 'ups.foo=1', '-u', 'admin', '-p', 'adminpass', `dummy@${at}`]],
  ['upsrw', (at) => ['-s', 'ups.load=1', '-u', 'ro', '-p', 'ropass', `dummy@${at}`]],
];

describeInterop("Debian's upsc, upscmd, upsrw and PyNUT against our upsd", () => {
  let site: NutSite;
  let ours: Upsd;
  let port: number;

  beforeAll(async () => {
    site = await startNutSite();
    await site.waitForStatus();
    ({ upsd: ours, port } = await startOurUpsdOn(site));
  }, 30_000);
  afterAll(async () => {
    await ours?.close();
    await site?.stop();
  });

  for (const [tool, args] of INVOCATIONS) {
    it(`${tool} ${args('HOST').join(' ')} prints the same from both servers`, async () => {
      const theirs = await site.client(tool, args(`127.0.0.1:${site.port}`));
      const mine = await site.client(tool, args(`127.0.0.1:${port}`));
      expect({ stdout: mine.stdout, stderr: mine.stderr, code: mine.code }).toEqual({
        stdout: theirs.stdout,
        stderr: theirs.stderr,
        code: theirs.code,
      });
    });
  }

  it('PyNUT (python3-nut) lists, reads, logs in and runs a command', async () => {
    const script = [
      'import PyNUT, sys',
      `c = PyNUT.PyNUTClient(host="127.0.0.1", port=${port}, login="admin", password="adminpass")`,
      'print(sorted(c.GetUPSList().keys()))',
      'v = c.GetUPSVars("dummy")',
      'print(v[b"ups.status"] if b"ups.status" in v else v["ups.status"])',
      'print(c.RunUPSCommand("dummy", "load.off"))',
      `s = PyNUT.PyNUTClient(host="127.0.0.1", port=${port}, login="upsmon_secondary", password="secpass")`,
      'print(s.GetUPSNames() if hasattr(s, "GetUPSNames") else "ok")',
    ].join('\n');
    const { stdout } = await run('/usr/bin/python3', ['-c', script], { timeout: 20_000 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/dummy/);
    expect(lines[1]).toMatch(/OL/);
    expect(lines[2]).toMatch(/^(OK|True)$/);
  });
});
