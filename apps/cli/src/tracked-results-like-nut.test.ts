import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop } from '@nut-ts/testkit';
import type { Fixture } from '@nut-ts/upsd/testing';
import { servingFixture, runOurs, type ToolRun } from './test/run-ours.js';
import { upscmd } from './upscmd.js';
import { upsrw } from './upsrw.js';

const TOOLS = { upscmd, upsrw };

/** Debian's tool; its SSL notice says nothing about the request. */
function theirs(tool: keyof typeof TOOLS, args: string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(tool, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const clean = stderr.replace(/^Init SSL without certificate database\n/m, '');
      resolve({ stdout, stderr: clean, code });
    });
  });
}

describeInterop("upscmd -w and upsrw -w print what Debian's print, against our upsd", () => {
  let fixture: Fixture;
  let ups: string;
  beforeAll(async () => {
    ({ fixture, ups } = await servingFixture());
  });
  afterAll(() => fixture?.close());

  const ADMIN = ['-u', 'admin', '-p', 'adminpass'];
  // The fixture's driver fails a command given the parameter `fail`; ups.mode is an ENUM,
  // battery.charge a RANGE, ups.id a STRING.
  const cases: Array<[keyof typeof TOOLS, (ups: string) => string[]]> = [
    ['upscmd', (u) => [...ADMIN, '-w', u, 'load.off']],
    ['upscmd', (u) => [...ADMIN, '-w', u, 'load.off', 'fail']],
    ['upscmd', (u) => [...ADMIN, '-w', u, 'no.such.cmd']],
    ['upsrw', (u) => [...ADMIN, '-w', '-s', 'battery.charge=60', u]],
    ['upsrw', (u) => [...ADMIN, '-w', '-s', 'ups.mode=turbo', u]],
    ['upsrw', (u) => [u]],
  ];
  for (const [tool, args] of cases) {
    it(`${tool} ${args('ups@HOST').join(' ')}`, async () => {
      const expected = await theirs(tool, args(ups));
      expect(await runOurs(TOOLS[tool], args(ups))).toEqual(expected);
    });
  }
});
