import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from '@nut-ts/upsd/testing';
import { servingFixture, runOurs } from './test/run-ours.js';
import { upscmd } from './upscmd.js';
import { upsrw } from './upsrw.js';

const ADMIN = ['-u', 'admin', '-p', 'adminpass'];

describe('upscmd and upsrw -w wait for the driver result, -j prints it as JSON', () => {
  let fixture: Fixture;
  let ups: string;
  beforeAll(async () => {
    ({ fixture, ups } = await servingFixture());
  });
  afterAll(() => fixture?.close());

  it('upscmd -w: OK once the driver did it', async () => {
    const run = await runOurs(upscmd, [...ADMIN, '-w', ups, 'load.off']);
    expect(run).toEqual({ stdout: '', stderr: 'OK\n', code: 0 });
    expect(fixture.driver.received).toContain('INSTCMD load.off');
  });

  it('upscmd -w: the driver failing the command is exit 1 with its result', async () => {
    const run = await runOurs(upscmd, [...ADMIN, '-w', ups, 'load.off', 'fail']);
    expect(run).toEqual({ stdout: '', stderr: 'ERR FAILED\n', code: 1 });
    expect(fixture.driver.received).toContain('INSTCMD load.off fail');
  });

  it('upscmd without -w: OK as soon as upsd took it', async () => {
    const run = await runOurs(upscmd, [...ADMIN, ups, 'load.off', 'fail']);
    expect(run).toEqual({ stdout: '', stderr: 'OK\n', code: 0 });
  });

  it('upscmd -j -w prints {"result": ...} on stdout', async () => {
    const ok = await runOurs(upscmd, [...ADMIN, '-j', '-w', ups, 'beeper.toggle']);
    expect([JSON.parse(ok.stdout), ok.stderr, ok.code]).toEqual([{ result: 'OK' }, '', 0]);
    const failed = await runOurs(upscmd, [...ADMIN, '-j', '-w', ups, 'load.off', 'fail']);
    expect([JSON.parse(failed.stdout), failed.code]).toEqual([{ result: 'ERR FAILED' }, 1]);
  });

  it('-j prints failures as {"error": ...} on stdout, with exit 1', async () => {
    const refused = await runOurs(upsrw, [...ADMIN, '-j', '-s', 'ups.mode=turbo', ups]);
    expect([JSON.parse(refused.stdout), refused.stderr, refused.code]).toEqual([
      { error: 'Invalid value' },
      '',
      1,
    ]);
    const unknown = await runOurs(upscmd, [...ADMIN, '-j', ups, 'no.such.cmd']);
    expect(JSON.parse(unknown.stdout)).toEqual({ error: 'Instant command not supported by UPS' });
    const noUser = await runOurs(upscmd, ['-j', ups, 'load.off']);
    expect(JSON.parse(noUser.stdout)).toEqual({ error: 'a username is needed (-u <username>)' });
    const badId = await runOurs(upsrw, ['-j', '-s', 'x=1', 'ups@']);
    expect(badId.code).toBe(1);
    expect(JSON.parse(badId.stdout)).toHaveProperty('error');
  });

  it('upscmd -l -j maps each command to its description', async () => {
    const run = await runOurs(upscmd, ['-j', '-l', ups]);
    expect(run.code).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout) as object).sort()).toEqual([
      'beeper.toggle',
      'load.off',
    ]);
  });

  it('upsrw -w: OK once the driver set it, and the new value is served', async () => {
    const run = await runOurs(upsrw, [...ADMIN, '-w', '-s', 'battery.charge=55', ups]);
    expect(run).toEqual({ stdout: '', stderr: 'OK\n', code: 0 });
    expect(fixture.driver.received).toContain('SET battery.charge 55');
  });

  it('upsrw -j -w prints {"result": "OK"}; an upsd refusal is NUT\'s error line', async () => {
    const ok = await runOurs(upsrw, [...ADMIN, '-j', '-w', '-s', 'ups.mode=eco', ups]);
    expect([JSON.parse(ok.stdout), ok.code]).toEqual([{ result: 'OK' }, 0]);
    const refused = await runOurs(upsrw, [...ADMIN, '-w', '-s', 'ups.mode=turbo', ups]);
    expect(refused).toEqual({
      stdout: '',
      stderr: 'Unexpected response from upsd: ERR INVALID-VALUE\n',
      code: 1,
    });
  });
});
