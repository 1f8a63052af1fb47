import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop, startNutSite, type NutSite } from '@nut-ts/testkit';
import type { Upsd } from './create-upsd.js';
import { startOurUpsdOn } from './test/upsd-fixture.js';
import { RawSession } from './test/raw-session.js';

/** Requests good and bad from the reference transcript, sent to both servers in order. */
const ANONYMOUS = [
  'NETVER',
  'PROTVER',
  'HELP',
  'LIST UPS',
  'LIST VAR dummy',
  'LIST RW dummy',
  'LIST CMD dummy',
  'LIST ENUM dummy ups.status',
  'LIST RANGE dummy battery.charge',
  'LIST CLIENT dummy',
  'GET UPSDESC dummy',
  'GET VAR dummy ups.status',
  'GET TYPE dummy ups.status',
  'GET TYPE dummy battery.charge',
  'GET DESC dummy ups.status',
  'GET DESC dummy no.such.var',
  'GET CMDDESC dummy load.off',
  'GET NUMLOGINS dummy',
  'GET VAR nope ups.status',
  'GET VAR dummy no.such.var',
  'GET NUMLOGINS nope',
  'GET FOO dummy',
  'GET',
  'GET VAR dummy',
  'LIST',
  'LIST VAR',
  'LIST FOO',
  'LIST VAR nope',
  'FOO',
  'foo bar baz',
  'get var dummy ups.status',
  '',
  '   ',
  'VER extra',
  'HELP me',
  'GET VAR dummy ups.status extra',
  'GET VAR dummy ups.status\r',
  'GET VAR "dummy" "ups.status"',
  'GET VAR dummy ups.status # comment',
  'SET VAR dummy ups.load 50',
  'INSTCMD dummy load.off',
  'FSD dummy',
  'LOGIN dummy',
  'PRIMARY dummy',
  'MASTER dummy',
  'PASSWORD x',
  'LOGIN dummy',
  'STARTTLS',
  `GET VAR dummy ${'a'.repeat(2000)}`,
  'X'.repeat(5000),
  'GET VAR dummy ups.st\x01atus',
  'GET VAR dummy server.version',
  'GET VAR anything server.version',
  'GET VAR dummy server.nothing',
  'GET TRACKING',
  'GET TRACKING abc',
];
const PRIMARY_USER = [
  'USERNAME upsmon_primary',
  'USERNAME again',
  'PASSWORD pripass',
  'PASSWORD again',
  'LOGIN nope',
  'LOGIN dummy',
  'LOGIN dummy',
  'GET NUMLOGINS dummy',
  'LIST CLIENT dummy',
  'PRIMARY dummy',
  'MASTER dummy',
  'PRIMARY nope',
  'SET VAR dummy ups.load 50',
  'INSTCMD dummy load.off',
  'FSD',
  'FSD nope',
];
const ADMIN = [
  'USERNAME admin',
  'PASSWORD adminpass',
  'LOGIN dummy',
  'SET VAR dummy no.such.var 1',
  'SET VAR dummy driver.name x',
  'SET VAR nope ups.load 1',
  'SET VAR dummy ups.load',
  `SET VAR dummy ups.model "${'M'.repeat(40)}"`,
  'SET TRACKING MAYBE',
  'INSTCMD dummy no.such.cmd',
  'INSTCMD nope load.off',
  'INSTCMD dummy',
  'SET TRACKING ON',
  'GET TRACKING',
  'GET TRACKING 00000000-0000-0000-0000-000000000000',
  'SET TRACKING OFF',
  'GET TRACKING x',
];
const WRONG_PASSWORD = [
  'USERNAME admin',
  'PASSWORD wrong',
  'LOGIN dummy',
  'FSD dummy',
  'PRIMARY dummy',
  'SET VAR dummy ups.load 1',
];

describeInterop("our upsd and Debian's upsd 2.8.0 answer the same bytes", () => {
  let site: NutSite;
  let ours: Upsd;
  let ourPort: number;

  beforeAll(async () => {
    site = await startNutSite();
    await site.waitForStatus();
    ({ upsd: ours, port: ourPort } = await startOurUpsdOn(site));
  }, 30_000);
  afterAll(async () => {
    await ours?.close();
    await site?.stop();
  });

  async function both(
    requests: string[],
  ): Promise<Array<{ request: string; theirs: string; ours: string }>> {
    const theirs = await RawSession.open(site.port);
    const mine = await RawSession.open(ourPort);
    const out = [];
    for (const request of requests) {
      const line = `${request}\n`;
      out.push({
        request: request.slice(0, 60),
        theirs: await theirs.send(line),
        ours: await mine.send(line),
      });
    }
    theirs.close();
    mine.close();
    return out;
  }

  for (const [name, requests] of Object.entries({
    ANONYMOUS,
    PRIMARY_USER,
    ADMIN,
    WRONG_PASSWORD,
  })) {
    it(`${name}: every reply is byte-identical`, async () => {
      const results = await both(requests);
      const differences = results.filter((r) => r.theirs !== r.ours);
      expect(differences).toEqual([]);
      // Every one of these requests is answered: an empty reply would make the comparison vacuous.
      expect(results.filter((r) => r.theirs === '').map((r) => r.request)).toEqual([]);
    }, 60_000);
  }

  it('VER differs only by naming nut-ts (deliberate)', async () => {
    const { theirs, ours: mine } = (await both(['VER']))[0]!;
    expect(theirs).toBe('Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/\n');
    expect(mine).toBe('Network UPS Tools upsd 2.8.0 (nut-ts) - http://www.networkupstools.org/\n');
  });

  it('neither answers an unparseable line, and both go on', async () => {
    const theirs = await RawSession.open(site.port);
    const mine = await RawSession.open(ourPort);
    for (const session of [theirs, mine]) {
      expect(await session.quiet('GET VAR "du#mmy" ups.status\n')).toBe('');
      expect(await session.send('NETVER\n')).toBe('1.3\n');
      session.close();
    }
  });

  it('LOGOUT answers OK Goodbye and closes', async () => {
    for (const port of [site.port, ourPort]) {
      const session = await RawSession.open(port);
      expect(await session.send('LOGOUT\n')).toBe('OK Goodbye\n');
      await new Promise((resolve) => session.socket.once('close', resolve));
    }
  });
});
