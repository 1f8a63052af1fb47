import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findBin, SITE_USERS, type Site } from '@nut-ts/sim';
import { waitFor } from '@nut-ts/testkit';
import { siteForTest, stopSites } from '../site-fixture.js';

const run = promisify(execFile);
const sites: Site[] = [];
afterEach(() => stopSites(sites));

describe('instant commands on a Megatec UPS', () => {
  it("upscmd (ours, and NUT's when installed) reaches the simulator through our upsd and nutdrv_qx", async () => {
    const site = siteForTest({ ups: 'megatec', secondaries: 0 }, sites);
    await site.start();
    const megatec = site.megatec!;
    const { admin } = SITE_USERS;
    const before = await megatec.control('status');
    const nutInstalled = existsSync('/usr/bin/upscmd');
    if (process.env.NUT_INTEROP === 'required')
      expect(nutInstalled, "Debian's upscmd (NUT_INTEROP=required)").toBe(true);
    const programs = [findBin('upscmd'), ...(nutInstalled ? ['/usr/bin/upscmd'] : [])];
    let expected = before.beeper;
    for (const upscmd of programs) {
      await run(upscmd, [
        '-u',
        admin.username,
        '-p',
        admin.password,
        `ups@127.0.0.1:${site.port}`,
        'beeper.toggle',
      ]);
      expected = !expected;
      await waitFor(async () => (await megatec.control('status')).beeper === expected, {
        what: `${upscmd} beeper.toggle to reach the UPS`,
      });
    }
    await run(findBin('upscmd'), [
      '-u',
      admin.username,
      '-p',
      admin.password,
      `ups@127.0.0.1:${site.port}`,
      'shutdown.return',
    ]);
    await waitFor(
      async () =>
        (await megatec.control('status')).shutdownPending ||
        !(await megatec.control('status')).output,
      {
        what: 'shutdown.return to reach the UPS',
      },
    );
    expect(programs.length).toBeGreaterThanOrEqual(1);
  });
});
