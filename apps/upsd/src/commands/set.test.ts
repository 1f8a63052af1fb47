import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@nut-ts/testkit';
import { RawSession } from '../test/raw-session.js';
import { WITH_GHOST, as, replay, startReady } from '../test/transcript.js';
import type { Fixture } from '../test/upsd-fixture.js';

let fixture: Fixture | undefined;
const sessions: RawSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) session.close();
  await fixture?.close();
  fixture = undefined;
});

const TRACKING_ID =
  /^OK TRACKING ([0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12})\n$/;

async function logged(port: number, user: string, password: string): Promise<RawSession> {
  const session = await RawSession.open(port);
  sessions.push(session);
  for (const line of as(user, password)) expect(await session.send(`${line}\n`)).toBe('OK\n');
  return session;
}

async function trackingResult(session: RawSession, id: string, wanted: string): Promise<void> {
  await waitFor(async () => (await session.send(`GET TRACKING ${id}\n`)) === wanted, {
    what: `tracking ${id} -> ${wanted.trim()}`,
  });
}

describe('SET VAR', () => {
  it("checks in NUT's order: arguments, UPS, driver, right, variable, RW, length, enum, range", async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    const denied = ['SET VAR nope x 1', 'SET VAR ghost x 1', 'SET VAR ups no.such.var 1'];
    expect(
      await replay(fixture.port, [...as('sec', 'secpass'), 'SET VAR ups x', ...denied]),
    ).toEqual([
      'OK\n',
      'OK\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR UNKNOWN-UPS\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR ACCESS-DENIED\n',
    ]);
    expect(
      await replay(fixture.port, [
        ...as('admin', 'adminpass'),
        'SET VAR ups no.such.var 1',
        'SET VAR ups ups.status OB',
        'SET VAR ups ups.label y',
        'SET VAR ups ups.id "nine char"',
        'SET VAR ups ups.mode turbo',
        'SET VAR ups ups.mode AUTO',
        'SET VAR ups battery.charge 101',
        'SET VAR ups battery.charge -1',
        'SET VAR ups battery.charge abc',
      ]),
    ).toEqual([
      'OK\n',
      'OK\n',
      'ERR VAR-NOT-SUPPORTED\n',
      'ERR READONLY\n',
      'ERR SET-FAILED\n',
      'ERR TOO-LONG\n',
      'ERR INVALID-VALUE\n',
      'ERR INVALID-VALUE\n',
      'ERR INVALID-VALUE\n',
      'ERR INVALID-VALUE\n',
      // atoi("abc") is 0, inside 0..100, as NUT sees it.
      'OK\n',
    ]);
    expect(fixture.driver.received).toEqual(['SET battery.charge abc']);
  });

  it('forwards to the driver, ignoring extra words, and tracks the result when asked', async () => {
    fixture = await startReady();
    const admin = await logged(fixture.port, 'admin', 'adminpass');
    expect(await admin.send('SET VAR ups ups.id "rack \\"2\\"" extra\n')).toBe('OK\n');
    await waitFor(
      async () =>
        (await replay(fixture!.port, ['GET VAR ups ups.id']))[0] ===
        'VAR ups ups.id "rack \\"2\\""\n',
      { what: 'new value served' },
    );
    expect(await admin.send('GET TRACKING\n')).toBe('OFF\n');
    expect(await admin.send('SET TRACKING on extra\n')).toBe('OK\n');
    expect(await admin.send('GET TRACKING\n')).toBe('ON\n');
    const reply = await admin.send('SET VAR ups ups.mode eco\n');
    const id = TRACKING_ID.exec(reply)?.[1];
    expect(id, reply).toBeDefined();
    await trackingResult(admin, id!, 'SUCCESS\n');
    expect(await admin.send('GET TRACKING 00000000-0000-4000-8000-000000000000\n')).toBe(
      'ERR UNKNOWN\n',
    );
    expect(await admin.send('SET TRACKING OFF\n')).toBe('OK\n');
    expect(await admin.send(`GET TRACKING ${id}\n`)).toBe('ERR FEATURE-NOT-CONFIGURED\n');
    expect(await admin.send('SET TRACKING MAYBE\n')).toBe('ERR INVALID-ARGUMENT\n');
    expect(fixture.driver.received).toEqual(['SET ups.id rack "2"', 'SET ups.mode eco']);
  });

  it('SET TRACKING needs credentials but no right', async () => {
    fixture = await startReady();
    expect(await replay(fixture.port, ['SET TRACKING ON'])).toEqual(['ERR USERNAME-REQUIRED\n']);
    expect(
      await replay(fixture.port, [...as('nobody', 'x'), 'SET TRACKING ON', 'GET TRACKING']),
    ).toEqual(['OK\n', 'OK\n', 'OK\n', 'ON\n']);
  });
});

describe('INSTCMD', () => {
  it('checks the command before the right; the parameter and tracking reach the driver', async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    expect(
      await replay(fixture.port, [
        ...as('sec', 'secpass'),
        'INSTCMD ups',
        'INSTCMD nope load.off',
        'INSTCMD ghost load.off',
        'INSTCMD ups no.such.cmd',
        'INSTCMD ups load.off',
      ]),
    ).toEqual([
      'OK\n',
      'OK\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR UNKNOWN-UPS\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR CMD-NOT-SUPPORTED\n',
      'ERR ACCESS-DENIED\n',
    ]);
    const admin = await logged(fixture.port, 'admin', 'adminpass');
    expect(await admin.send('INSTCMD UPS LOAD.OFF\n')).toBe('OK\n');
    expect(await admin.send('SET TRACKING ON\n')).toBe('OK\n');
    const done = TRACKING_ID.exec(await admin.send('INSTCMD ups beeper.toggle 30 extra\n'))?.[1];
    const failed = TRACKING_ID.exec(await admin.send('INSTCMD ups beeper.toggle fail\n'))?.[1];
    await trackingResult(admin, done!, 'SUCCESS\n');
    await trackingResult(admin, failed!, 'ERR FAILED\n');
    expect(fixture.driver.received).toEqual([
      'INSTCMD load.off',
      'INSTCMD beeper.toggle 30',
      'INSTCMD beeper.toggle fail',
    ]);
  });
});
