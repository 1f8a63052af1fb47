import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';
import { RawSession } from '../test/raw-session.js';
import { replay, startReady } from '../test/transcript.js';
import { makeCertificate, type Fixture } from '../test/upsd-fixture.js';

let fixture: Fixture | undefined;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
  await fixture?.close();
  fixture = undefined;
});

const VER = 'Network UPS Tools upsd 2.8.0 (nut-ts) - http://www.networkupstools.org/\n';

describe('VER, NETVER, PROTVER, HELP and unknown commands', () => {
  it('answer as NUT 2.8.0 does, with INVALID-ARGUMENT for any argument', async () => {
    fixture = await startReady();
    const requests = ['VER', 'ver', 'NETVER', 'PROTVER', 'HELP', 'VER x', 'NETVER x', 'PROTVER x'];
    expect(
      await replay(fixture.port, [...requests, 'HELP x', '', '   ', 'FOO', 'FOO BAR']),
    ).toEqual([
      VER,
      VER,
      '1.3\n',
      '1.3\n',
      'Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR UNKNOWN-COMMAND\n',
      'ERR UNKNOWN-COMMAND\n',
      'ERR UNKNOWN-COMMAND\n',
      'ERR UNKNOWN-COMMAND\n',
    ]);
  });

  it('answer pipelined requests in order, in one go', async () => {
    fixture = await startReady();
    const session = await RawSession.open(fixture.port);
    cleanup.push(() => session.close());
    session.socket.write('NETVER\nVER\nLIST UPS\nNETVER\n');
    expect(await session.send('')).toBe('1.3\n');
    expect(await session.send('')).toBe(VER);
    expect(await session.send('')).toBe('BEGIN LIST UPS\nUPS ups "Test UPS"\nEND LIST UPS\n');
    expect(await session.send('')).toBe('1.3\n');
  });
});

describe('STARTTLS', () => {
  it('is FEATURE-NOT-CONFIGURED without a CERTFILE, whatever follows it', async () => {
    fixture = await startReady();
    expect(await replay(fixture.port, ['STARTTLS', 'STARTTLS x'])).toEqual([
      'ERR FEATURE-NOT-CONFIGURED\n',
      'ERR FEATURE-NOT-CONFIGURED\n',
    ]);
  });

  it('upgrades the same socket; a second STARTTLS is ALREADY-SSL-MODE', async () => {
    const dir = makeTempDir('nut-tls-');
    cleanup.push(() => dir.remove());
    const { pemFile } = makeCertificate(dir.path);
    fixture = await startReady({ upsdConf: `CERTFILE ${pemFile}\n` });
    const raw = await RawSession.open(fixture.port);
    cleanup.push(() => raw.close());
    expect(await raw.send('STARTTLS\n')).toBe('OK STARTTLS\n');
    const secure = tlsConnect({ socket: raw.socket, rejectUnauthorized: false });
    cleanup.push(() => secure.destroy());
    await new Promise((resolve) => secure.once('secureConnect', resolve));
    const reply = (line: string) =>
      new Promise<string>((resolve) => {
        secure.once('data', (data: Buffer) => resolve(data.toString('latin1')));
        secure.write(line);
      });
    expect(await reply('STARTTLS\n')).toBe('ERR ALREADY-SSL-MODE\n');
    expect(await reply('GET VAR ups ups.status\n')).toBe('VAR ups ups.status "OL"\n');
    // The goodbye must leave through TLS before the connection closes.
    expect(await reply('LOGOUT\n')).toBe('OK Goodbye\n');
    await new Promise((resolve) => secure.once('close', resolve));
  });
});
