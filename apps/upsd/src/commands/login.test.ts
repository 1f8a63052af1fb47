import { connect } from 'node:net';
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

async function session(port: number): Promise<RawSession> {
  const opened = await RawSession.open(port);
  sessions.push(opened);
  return opened;
}

describe('USERNAME and PASSWORD', () => {
  it('store once each, in any order, and are only checked by privileged commands', async () => {
    fixture = await startReady();
    expect(
      await replay(fixture.port, [
        'USERNAME',
        'USERNAME a b',
        'PASSWORD wrong',
        'PASSWORD again',
        'LOGIN ups',
        'USERNAME mon',
        'USERNAME again',
        'LOGIN ups',
      ]),
    ).toEqual([
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'OK\n',
      'ERR ALREADY-SET-PASSWORD\n',
      'ERR USERNAME-REQUIRED\n',
      'OK\n',
      'ERR ALREADY-SET-USERNAME\n',
      'ERR ACCESS-DENIED\n',
    ]);
  });

  it('privileged commands ask for USERNAME, then PASSWORD, before looking at their arguments', async () => {
    fixture = await startReady();
    const privileged = ['LOGIN', 'ATTACH', 'PRIMARY', 'MASTER', 'FSD', 'SET', 'INSTCMD'];
    expect(await replay(fixture.port, privileged)).toEqual(
      privileged.map(() => 'ERR USERNAME-REQUIRED\n'),
    );
    expect(await replay(fixture.port, ['USERNAME x', ...privileged])).toEqual([
      'OK\n',
      ...privileged.map(() => 'ERR PASSWORD-REQUIRED\n'),
    ]);
    expect(await replay(fixture.port, [...as('x', 'y'), ...privileged])).toEqual([
      'OK\n',
      'OK\n',
      ...privileged.map(() => 'ERR INVALID-ARGUMENT\n'),
    ]);
  });
});

describe('LOGIN, ATTACH, LOGOUT, DETACH and the active count', () => {
  it('checks arguments, then one login per connection, then the UPS, then the right', async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    expect(
      await replay(fixture.port, [
        ...as('admin', 'adminpass'),
        'LOGIN nope',
        'LOGIN ups',
        'LOGIN a b',
      ]),
    ).toEqual([
      'OK\n',
      'OK\n',
      'ERR UNKNOWN-UPS\n',
      'ERR ACCESS-DENIED\n',
      'ERR INVALID-ARGUMENT\n',
    ]);
    expect(await replay(fixture.port, [...as('sec', 'wrong'), 'LOGIN nope', 'LOGIN ups'])).toEqual([
      'OK\n',
      'OK\n',
      'ERR UNKNOWN-UPS\n',
      'ERR ACCESS-DENIED\n',
    ]);
    expect(
      await replay(fixture.port, [
        ...as('sec', 'secpass'),
        'LOGIN UPS',
        'LOGIN nope',
        'ATTACH ups',
        'GET NUMLOGINS ups',
      ]),
    ).toEqual([
      'OK\n',
      'OK\n',
      'OK\n',
      'ERR ALREADY-LOGGED-IN\n',
      'ERR ALREADY-LOGGED-IN\n',
      'NUMLOGINS ups 1\n',
    ]);
  });

  it('counts each logged-in connection until LOGOUT, DETACH or close; NUMATTACH is the same count', async () => {
    fixture = await startReady();
    const a = await session(fixture.port);
    const b = await session(fixture.port);
    const c = await session(fixture.port);
    for (const [s, verb] of [
      [a, 'LOGIN'],
      [b, 'ATTACH'],
      [c, 'LOGIN'],
    ] as const) {
      for (const line of [...as('sec', 'secpass'), `${verb} ups`]) {
        expect(await s.send(`${line}\n`)).toMatch(/^OK\n$/);
      }
    }
    const count = async () => (await replay(fixture!.port, ['GET NUMLOGINS ups']))[0];
    expect(await count()).toBe('NUMLOGINS ups 3\n');
    expect(await replay(fixture.port, ['GET NUMATTACH ups'])).toEqual(['NUMATTACH ups 3\n']);
    expect(await a.send('LOGOUT x\n')).toBe('ERR INVALID-ARGUMENT\n');
    expect(await a.send('LOGOUT\n')).toBe('OK Goodbye\n');
    await waitFor(() => a.closed, { what: 'closed after LOGOUT' });
    expect(await count()).toBe('NUMLOGINS ups 2\n');
    expect(await b.send('DETACH\n')).toBe('OK Goodbye\n');
    c.close();
    await waitFor(async () => (await count()) === 'NUMLOGINS ups 0\n', { what: 'count 0' });
  });

  it('LOGOUT after a pipeline of big replies still delivers every byte, then closes', async () => {
    fixture = await startReady();
    const socket = connect(fixture.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Read nothing until everything is sent, so replies pile up in upsd.
    socket.pause();
    socket.write(`${'LIST VAR ups\n'.repeat(3000)}LOGOUT\n`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.resume();
    await closed;
    const text = Buffer.concat(chunks).toString('latin1');
    expect(text.match(/^END LIST VAR ups$/gm)).toHaveLength(3000);
    expect(text.endsWith('END LIST VAR ups\nOK Goodbye\n')).toBe(true);
  });

  it('works for a UPS whose driver is down, whose count is then not served', async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    const s = await session(fixture.port);
    const lines = [
      ...as('sec', 'secpass'),
      'LOGIN ghost',
      'GET NUMLOGINS ghost',
      'LIST CLIENT ghost',
    ];
    const replies = [];
    for (const line of lines) replies.push(await s.send(`${line}\n`));
    expect(replies).toEqual([
      'OK\n',
      'OK\n',
      'OK\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'BEGIN LIST CLIENT ghost\nCLIENT ghost 127.0.0.1\nEND LIST CLIENT ghost\n',
    ]);
  });
});

describe('PRIMARY, MASTER and FSD', () => {
  it('PRIMARY/MASTER only check the right of an upsmon primary', async () => {
    fixture = await startReady();
    expect(
      await replay(fixture.port, [
        ...as('mon', 'monpass'),
        'PRIMARY ups',
        'master UPS',
        'PRIMARY nope',
        'PRIMARY a b',
      ]),
    ).toEqual([
      'OK\n',
      'OK\n',
      'OK PRIMARY-GRANTED\n',
      'OK MASTER-GRANTED\n',
      'ERR UNKNOWN-UPS\n',
      'ERR INVALID-ARGUMENT\n',
    ]);
    expect(
      await replay(fixture.port, [...as('sec', 'secpass'), 'PRIMARY ups', 'MASTER ups']),
    ).toEqual(['OK\n', 'OK\n', 'ERR ACCESS-DENIED\n', 'ERR ACCESS-DENIED\n']);
  });

  it('FSD needs the FSD right, latches FSD before ups.status in GET VAR and LIST VAR but not LIST RW', async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    expect(
      await replay(fixture.port, [...as('sec', 'secpass'), 'FSD ups', 'FSD nope', 'FSD']),
    ).toEqual([
      'OK\n',
      'OK\n',
      'ERR ACCESS-DENIED\n',
      'ERR UNKNOWN-UPS\n',
      'ERR INVALID-ARGUMENT\n',
    ]);
    expect(await replay(fixture.port, ['GET VAR ups ups.status'])).toEqual([
      'VAR ups ups.status "OL"\n',
    ]);
    expect(await replay(fixture.port, [...as('mon', 'monpass'), 'FSD ups', 'FSD ghost'])).toEqual([
      'OK\n',
      'OK\n',
      'OK FSD-SET\n',
      'OK FSD-SET\n',
    ]);
    const [get, list, rw] = await replay(fixture.port, [
      'GET VAR ups UPS.STATUS',
      'LIST VAR ups',
      'LIST RW ups',
    ]);
    expect(get).toBe('VAR ups UPS.STATUS "FSD OL"\n');
    expect(list).toContain('VAR ups ups.status "FSD OL"\n');
    expect(rw).not.toContain('FSD');
    // The latch stays when the driver status changes.
    fixture.driver.store.setInfo('ups.status', 'OB LB');
    await waitFor(
      async () =>
        (await replay(fixture!.port, ['GET VAR ups ups.status']))[0] ===
        'VAR ups ups.status "FSD OB LB"\n',
      { what: 'latched prefix on new status' },
    );
  });
});
