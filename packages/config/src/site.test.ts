import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@nut-ts/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { errorsOf } from './config-errors.test-helper.js';
import { confPath } from './diagnostics.js';
import { loadUpsConf, loadUpsdConf, loadUpsdUsers, loadUpsmonConf } from './load.js';
import { parseUpsConf } from './ups-conf.js';
import { parseUpsdConf } from './upsd-conf.js';
import { parseUpsdUsers } from './upsd-users.js';
import { parseUpsmonConf } from './upsmon-conf.js';

const fixture = (path: string) =>
  readFileSync(new URL(`fixtures/${path}`, import.meta.url), 'latin1');

describe('a whole site (fixtures/site)', () => {
  it('ups.conf: three UPSes with driver options, flags and escapes', () => {
    const conf = parseUpsConf(fixture('site/ups.conf'), 'ups.conf');
    expect(conf.warnings).toEqual([]);
    expect(conf.globals).toMatchObject({
      maxRetry: 3,
      retryDelay: 2,
      maxStartDelay: 45,
      pollInterval: 2,
      statePath: '/run/nut',
      user: 'nut',
      flags: ['nowait'],
    });
    expect(conf.ups.map((u) => [u.name, u.driver, u.port, u.sdOrder, u.line])).toEqual([
      ['rack-a', 'usbhid-ups', 'auto', 1, 10],
      ['rack-b', 'nutdrv_qx', '/dev/ttyUSB0', 2, 22],
      ['office', 'dummy-ups', 'office.seq', -1, 32],
    ]);
    expect(conf.ups[0]!.options).toMatchObject({
      vendorid: '051D',
      serial: 'AS1234567890',
      'override.battery.charge.low': '30',
    });
    expect(conf.ups[0]!.flags).toEqual(['ignorelb']);
    expect(conf.ups[1]).toMatchObject({
      desc: 'Rack B (right PDU)',
      maxStartDelay: 120,
      flags: ['nolock'],
    });
    expect(conf.ups[2]!.desc).toBe('Office UPS "under the desk" # not a comment');
  });

  it('upsd.conf: listeners, limits and TLS', () => {
    const conf = parseUpsdConf(fixture('site/upsd.conf'), 'upsd.conf');
    expect(conf).toMatchObject({
      listen: [
        { address: '127.0.0.1', port: 3493 },
        { address: '::1', port: 3493 },
        { address: '192.0.2.10', port: 3493 },
      ],
      maxAge: 20,
      maxConn: 512,
      trackingDelay: 600,
      certFile: '/etc/nut/upsd.pem',
      certRequest: 1,
      disableWeakSsl: true,
      allowNotAllListeners: true,
      allowNoDevice: false,
      tlsRequired: 'remote',
      warnings: [],
    });
  });

  it('upsd.users: rights, roles and a # that starts a comment inside a bare password', () => {
    const { users, warnings } = parseUpsdUsers(fixture('site/upsd.users'), 'upsd.users');
    expect(warnings).toEqual([]);
    expect([...users.values()].map((u) => [u.name, u.password, u.actions, u.upsmon])).toEqual([
      ['admin', 's3cret with spaces', ['SET', 'FSD'], undefined],
      ['monprimary', 'pri', ['LOGIN', 'MASTER', 'FSD'], 'primary'],
      ['monsecondary', 'secpass', ['LOGIN'], 'secondary'],
      ['dashboard', 'dashpass', [], undefined],
      ['ops', 'ops"pass', [], undefined],
    ]);
    expect(users.get('admin')!.instcmds).toEqual(['all']);
    expect(users.get('ops')!.instcmds).toEqual([
      'test.battery.start',
      'test.battery.stop',
      'beeper.toggle',
    ]);
  });

  it('upsmon.conf of the primary: three monitors, every timer set', () => {
    const conf = parseUpsmonConf(fixture('site/upsmon-primary.conf'), 'upsmon.conf');
    expect(conf.warnings).toEqual([]);
    expect(conf.monitors.map((m) => [m.upsName, m.host, m.port, m.powerValue, m.role])).toEqual([
      ['rack-a', 'localhost', 3493, 1, 'primary'],
      ['rack-b', '127.0.0.1', 3493, 1, 'primary'],
      ['office', 'localhost', 3493, 0, 'primary'],
    ]);
    expect(conf).toMatchObject({
      runAsUser: 'nut',
      minSupplies: 1,
      shutdownCmd: '/sbin/shutdown -h +0',
      notifyCmd: '/usr/sbin/upssched',
      pollFreq: 5,
      pollFreqAlert: 2,
      hostSync: 30,
      deadTime: 25,
      finalDelay: 10,
      powerDownFlag: '/etc/killpower',
      rbWarnTime: 86400,
      noCommWarnTime: 600,
      offDuration: 60,
      overDuration: 120,
      obLbDuration: 5,
      alarmCritical: false,
      shutdownExit: false,
      certPath: '/etc/ssl/certs',
      certVerify: true,
      forceSsl: true,
    });
    expect(conf.notifyMsg.LOWBATT).toBe('UPS %s battery is low!');
    expect(conf.notifyFlag.REPLBATT).toEqual({ syslog: false, wall: false, exec: false });
    expect(conf.notifyFlag.ONLINE).toEqual({ syslog: true, wall: false, exec: true });
  });

  it('upsmon.conf of a secondary: remote host, IPv6, unquoted SHUTDOWNCMD warned about', () => {
    const conf = parseUpsmonConf(fixture('site/upsmon-secondary.conf'), 'upsmon.conf');
    expect(conf.monitors.map((m) => [m.system, m.host, m.port, m.powerValue, m.role])).toEqual([
      ['rack-a@nut-server.example.net:3493', 'nut-server.example.net', 3493, 1, 'secondary'],
      ['office@[2001:db8::10]:3493', '2001:db8::10', 3493, 0, 'secondary'],
    ]);
    expect(conf).toMatchObject({ shutdownCmd: '/sbin/shutdown -h now', shutdownExit: 20 });
    expect(conf.warnings.map((w) => w.line)).toEqual([4]);
  });

  it('reads the same from CRLF copies of every file', () => {
    const crlf = (path: string) => fixture(path).replace(/\n/g, '\r\n');
    const pairs: [(text: string, file: string) => unknown, string][] = [
      [parseUpsConf, 'site/ups.conf'],
      [parseUpsdConf, 'site/upsd.conf'],
      [parseUpsdUsers, 'site/upsd.users'],
      [parseUpsmonConf, 'site/upsmon-primary.conf'],
      [parseUpsmonConf, 'site/upsmon-secondary.conf'],
    ];
    for (const [parse, path] of pairs)
      expect(parse(crlf(path), 'f')).toEqual(parse(fixture(path), 'f'));
  });
});

describe('the files of real-nut-peer.md §1.1 and §3.1 (fixtures/real-nut-peer)', () => {
  it('parse as Debian NUT 2.8.0 read them', () => {
    const ups = parseUpsConf(fixture('real-nut-peer/ups.conf'));
    expect(ups.globals).toMatchObject({ maxRetry: 3, retryDelay: 1, pollInterval: 1 });
    expect(ups.ups).toMatchObject([
      { name: 'dummy', driver: 'dummy-ups', port: 'dummy.dev', desc: 'Dummy UPS for tests' },
    ]);
    const upsd = parseUpsdConf(fixture('real-nut-peer/upsd.conf'));
    expect(upsd.listen).toEqual([
      { address: '127.0.0.1', port: 13493 },
      { address: '::1', port: 13493 },
    ]);
    expect(upsd).toMatchObject({ maxAge: 15, statePath: '$WORK/state', warnings: [] });
    const { users } = parseUpsdUsers(fixture('real-nut-peer/upsd.users'));
    expect([...users.keys()]).toEqual(['admin', 'upsmon_primary', 'upsmon_secondary', 'ro']);
    expect(users.get('admin')).toMatchObject({ actions: ['SET', 'FSD'], instcmds: ['all'] });
    expect(users.get('ro')).toEqual({ name: 'ro', password: 'ropass', actions: [], instcmds: [] });
    const upsmon = parseUpsmonConf(fixture('real-nut-peer/upsmon.conf'));
    expect(upsmon.warnings).toEqual([]);
    expect(upsmon.monitors).toMatchObject([
      { upsName: 'dummy', host: '127.0.0.1', port: 13493, username: 'upsmon_primary' },
    ]);
    expect(upsmon).toMatchObject({
      shutdownCmd: '$WORK/mon/shutdown.sh pri',
      notifyCmd: '$WORK/mon/notify.sh pri',
      pollFreq: 1,
      hostSync: 5,
      deadTime: 5,
      finalDelay: 1,
    });
    expect(upsmon.notifyFlag.NOPARENT).toEqual({ syslog: true, wall: false, exec: true });
    expect(upsmon.notifyFlag.CAL).toEqual({ syslog: true, wall: true, exec: false });
  });
});

describe('the example configuration in docs/examples', () => {
  const example = (name: string) =>
    readFileSync(new URL(`../../../docs/examples/etc-nut/${name}`, import.meta.url), 'utf8');

  it('parses without errors or warnings', () => {
    const ups = parseUpsConf(example('ups.conf'));
    expect(ups.warnings).toEqual([]);
    expect(ups.ups.map((u) => u.name)).toEqual(['rack', 'office']);
    expect(parseUpsdConf(example('upsd.conf')).warnings).toEqual([]);
    const users = parseUpsdUsers(example('upsd.users'));
    expect(users.warnings).toEqual([]);
    expect([...users.users.keys()]).toEqual(['admin', 'monprimary', 'monsecondary']);
    const upsmon = parseUpsmonConf(example('upsmon.conf'));
    expect(upsmon.warnings).toEqual([]);
    expect(upsmon.monitors[0]).toMatchObject({ upsName: 'rack', role: 'primary' });
  });
});

describe('load*', () => {
  let dir: { path: string; remove(): void } | undefined;
  afterEach(() => dir?.remove());

  function site(): string {
    dir = makeTempDir('nut-config-');
    const names: [string, string][] = [
      ['site/ups.conf', 'ups.conf'],
      ['site/upsd.conf', 'upsd.conf'],
      ['site/upsd.users', 'upsd.users'],
      ['site/upsmon-primary.conf', 'upsmon.conf'],
    ];
    for (const [from, to] of names)
      copyFileSync(new URL(`fixtures/${from}`, import.meta.url), join(dir.path, to));
    chmodSync(join(dir.path, 'upsd.users'), 0o640);
    return dir.path;
  }

  it('reads each file from the directory, naming it in diagnostics', () => {
    const path = site();
    expect(loadUpsConf(path).ups[0]!.file).toBe(join(path, 'ups.conf'));
    expect(loadUpsdConf(path).maxAge).toBe(20);
    expect(loadUpsdUsers(path).warnings).toEqual([]);
    expect(loadUpsmonConf(path).monitors).toHaveLength(3);
    writeFileSync(join(path, 'upsd.conf'), 'MAXAGE 5\nMAXAGE x\n');
    expect(errorsOf(() => loadUpsdConf(path))).toEqual([
      `${join(path, 'upsd.conf')}:2: MAXAGE must be a whole number >= 1, not 'x'`,
    ]);
  });

  it('warns when upsd.users is readable by every user', () => {
    const path = site();
    chmodSync(join(path, 'upsd.users'), 0o644);
    expect(loadUpsdUsers(path).warnings).toEqual([
      {
        file: join(path, 'upsd.users'),
        line: 0,
        message: 'is readable by every user: it holds passwords (chmod 640)',
      },
    ]);
  });

  it('gives a ConfigError for a missing file', () => {
    dir = makeTempDir('nut-config-');
    expect(errorsOf(() => loadUpsmonConf(dir!.path))).toEqual([
      `${join(dir.path, 'upsmon.conf')}:0: cannot read: file not found`,
    ]);
  });

  it('defaults to $NUT_CONFPATH, then /etc/nut', () => {
    expect(confPath({ NUT_CONFPATH: '/tmp/x' })).toBe('/tmp/x');
    expect(confPath({ NUT_CONFPATH: '' })).toBe('/etc/nut');
    expect(confPath({})).toBe('/etc/nut');
  });
});
