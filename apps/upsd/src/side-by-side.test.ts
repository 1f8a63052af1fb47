import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop, startNutSite, waitFor, type NutSite } from '@nut-ts/testkit';
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
  'GET TRACKING a b',
  'LIST UPS extra',
  'LIST CLIENT dummy extra',
  'LIST CLIENT nope',
  'LIST CLIENT',
  'LIST ENUM dummy',
  'LIST ENUM dummy no.such.var',
  'LIST RANGE dummy no.such.var',
  'LIST RANGE nope x',
  'LIST CMD nope',
  'LIST CMD',
  'LIST RW nope',
  'LIST VAR dummy extra',
  'LIST VAR DUMMY',
  'list ups',
  'GET UPSDESC nope',
  'GET UPSDESC',
  'GET UPSDESC dummy extra',
  'GET NUMLOGINS',
  'GET NUMLOGINS dummy extra',
  'get numlogins DUMMY',
  'GET TYPE dummy no.such.var',
  'GET TYPE nope ups.status',
  'GET TYPE dummy',
  'GET DESC nope x',
  'GET DESC dummy',
  'GET DESC dummy UPS.STATUS',
  // 2.8.0 does not strip the `upstream.` prefix that later releases drop before the lookup.
  'GET DESC dummy upstream.ups.status',
  'GET CMDDESC dummy upstream.load.off',
  'GET CMDDESC nope x',
  'GET CMDDESC dummy no.such.cmd',
  'GET CMDDESC dummy',
  'GET VAR DUMMY UPS.STATUS',
  'Get Var dummy ups.status',
  'GET VAR dummy ups.status=x',
  'GET VAR dummy SERVER.VERSION',
  'GET TYPE dummy server.version',
  'NETVER extra',
  'PROTVER extra',
  'STARTTLS extra',
  'USERNAME',
  'USERNAME a b',
  'PASSWORD',
  'PASSWORD a b',
  'SET',
  'INSTCMD',
  'LOGIN',
  'FSD',
  'get tracking',
  'Get Tracking abc',
  'GET VAR dummy\\ ups.status',
  'GET VAR d\\ummy ups.status',
  '=',
  'GET = dummy',
  '"" VAR',
  'GET VAR "" ups.status',
  'GET VAR dummy ""',
  'LIST ENUM dummy ""',
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
  'LIST CLIENT DUMMY',
  'GET NUMLOGINS Dummy',
  'PRIMARY dummy',
  'MASTER dummy',
  'PRIMARY nope',
  'SET VAR dummy ups.load 50',
  'INSTCMD dummy load.off',
  'FSD',
  'FSD nope',
  'FSD dummy extra',
  'LOGIN',
  'PRIMARY',
  'PRIMARY dummy extra',
  'MASTER nope',
  'SET',
  'SET FOO',
  'SET VAR',
  'SET TRACKING',
  'SET TRACKING ON extra',
  'SET TRACKING maybe',
  'set tracking on',
  'GET TRACKING',
  'set tracking off',
  'GET TRACKING',
  'INSTCMD dummy',
  'INSTCMD dummy load.off a b',
  'INSTCMD nope x',
  'INSTCMD dummy no.such.cmd',
  'SET VAR dummy ups.load 25 extra',
  'SET VAR nope x y',
  'USERNAME',
  'PASSWORD',
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
  'SET VAR dummy ups.load 25 extra',
  'SET VAR dummy UPS.LOAD 25',
  'SET VAR DUMMY ups.load 25',
  'SET VAR dummy ups.load "25" a b c',
  'SET TRACKING off extra',
  'SET tracking Off',
  'set var dummy ups.load 25',
  'INSTCMD dummy load.off a b',
  'INSTCMD dummy LOAD.OFF',
  'INSTCMD DUMMY load.off ""',
  'GET VAR nope Server.Version',
  'GET VAR dummy server.version.x',
  'GET VAR dummy server',
  'LOGIN dummy extra',
  'LOGIN nope',
  'LOGIN DUMMY',
  'LOGIN dummy',
  'LIST CLIENT DUMMY',
  'GET NUMLOGINS Dummy',
  'PRIMARY dummy',
  'MASTER DUMMY',
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

  it('VER and server.info differ only by naming nut-ts (deliberate)', async () => {
    const [ver, info] = await both(['VER', 'GET VAR dummy SERVER.INFO']);
    expect(ver!.theirs).toBe('Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/\n');
    expect(ver!.ours).toBe(
      'Network UPS Tools upsd 2.8.0 (nut-ts) - http://www.networkupstools.org/\n',
    );
    expect(info!.theirs).toBe(`VAR dummy server.info "${ver!.theirs.trim()}"\n`);
    expect(info!.ours).toBe(`VAR dummy server.info "${ver!.ours.trim()}"\n`);
  });

  it("RFC 9271's ATTACH, DETACH and GET NUMATTACH are ours only (deliberate)", async () => {
    const results = await both([
      'GET NUMATTACH dummy',
      'ATTACH dummy',
      'USERNAME upsmon_secondary',
      'PASSWORD secpass',
      'ATTACH dummy',
      'GET NUMATTACH dummy',
      'GET NUMLOGINS dummy',
      'DETACH',
    ]);
    expect(results.map((r) => r.theirs)).toEqual([
      'ERR INVALID-ARGUMENT\n',
      'ERR UNKNOWN-COMMAND\n',
      'OK\n',
      'OK\n',
      'ERR UNKNOWN-COMMAND\n',
      'ERR INVALID-ARGUMENT\n',
      'NUMLOGINS dummy 0\n',
      'ERR UNKNOWN-COMMAND\n',
    ]);
    expect(results.map((r) => r.ours)).toEqual([
      'NUMATTACH dummy 0\n',
      'ERR USERNAME-REQUIRED\n',
      'OK\n',
      'OK\n',
      'OK\n',
      'NUMATTACH dummy 1\n',
      'NUMLOGINS dummy 1\n',
      'OK Goodbye\n',
    ]);
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

  it("a value SET through ours reaches Debian's dummy-ups; both then serve the same bytes", async () => {
    const admin = await RawSession.open(ourPort);
    for (const line of ['USERNAME admin', 'PASSWORD adminpass']) {
      expect(await admin.send(`${line}\n`)).toBe('OK\n');
    }
    expect(await admin.send('SET VAR dummy device.mfr "Rack 7, row=B"\n')).toBe('OK\n');
    admin.close();
    const theirs = await RawSession.open(site.port);
    await waitFor(async () => (await theirs.send('GET VAR dummy device.mfr\n')).includes('Rack'), {
      what: 'new value through Debian upsd',
    });
    theirs.close();
    const results = await both(['GET VAR dummy device.mfr', 'LIST VAR dummy']);
    expect(results.filter((r) => r.theirs !== r.ours)).toEqual([]);
    expect(results[0]!.ours).toBe('VAR dummy device.mfr "Rack 7, row=B"\n');
  });

  // Last: the FSD latch is sticky until upsd restarts, in both servers.
  it('FSD latches the same FSD prefix into ups.status in both', async () => {
    const results = await both([
      'USERNAME upsmon_primary',
      'PASSWORD pripass',
      'FSD dummy',
      'GET VAR dummy ups.status',
      'LIST VAR dummy',
      'LIST RW dummy',
      'FSD DUMMY',
      'GET VAR Dummy UPS.Status',
    ]);
    expect(results.filter((r) => r.theirs !== r.ours)).toEqual([]);
    expect(results[3]!.ours).toBe('VAR dummy ups.status "FSD OL"\n');
  });

  it('after an unparseable line NUT drops the rest of its read, we answer it (deliberate)', async () => {
    const theirs = await RawSession.open(site.port);
    const mine = await RawSession.open(ourPort);
    const pipelined = 'GET VAR "du#mmy" ups.status\nNETVER\n';
    expect(await theirs.quiet(pipelined)).toBe('');
    expect(await mine.quiet(pipelined)).toBe('1.3\n');
    for (const session of [theirs, mine]) {
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
