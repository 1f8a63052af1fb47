import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './diagnostics.js';
import { parseUpsConf } from './ups-conf.js';
import { parseUpsdConf } from './upsd-conf.js';
import { parseUpsdUsers } from './upsd-users.js';
import { parseUpsmonConf } from './upsmon-conf.js';
import { parseSystem } from './monitor-system.js';

function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError)
      return error.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`);
    throw error;
  }
  return [];
}

describe('ups.conf', () => {
  const text = [
    'maxretry = 3',
    'retrydelay=1',
    'pollinterval = 1',
    '',
    '[dummy]',
    '  driver = dummy-ups',
    '  port = dummy.dev          # relative to NUT_CONFPATH',
    '  desc = "Dummy UPS for tests"',
    '  ignorelb',
    '  override.battery.charge.low = 30',
    '',
    '[rack-2]\r',
    '  driver = nutdrv_qx\r',
    '  port = tcp://127.0.0.1:4000\r',
    '  sdorder = 2\r',
    '',
    '[broken]',
    '  desc = "no driver"',
  ].join('\n');

  it('parses globals, sections in order, options, flags and CRLF', () => {
    const conf = parseUpsConf(text, 'ups.conf');
    expect(conf.globals).toMatchObject({
      maxRetry: 3,
      retryDelay: 1,
      pollInterval: 1,
      maxStartDelay: 75,
    });
    expect(conf.ups.map((u) => u.name)).toEqual(['dummy', 'rack-2']);
    expect(conf.ups[0]).toMatchObject({
      driver: 'dummy-ups',
      port: 'dummy.dev',
      desc: 'Dummy UPS for tests',
      flags: ['ignorelb'],
      line: 5,
    });
    expect(conf.ups[0]!.options['override.battery.charge.low']).toBe('30');
    expect(conf.ups[1]).toMatchObject({ port: 'tcp://127.0.0.1:4000', sdOrder: 2 });
    expect(conf.warnings.map((w) => w.message)).toEqual([
      'UPS [broken] has no driver and port: ignored',
    ]);
    expect(Object.isFrozen(conf.ups[0])).toBe(true);
  });

  it('reports every error with file:line at once', () => {
    expect(
      errorsOf(() => parseUpsConf('maxretry = many\n[a]\ndriver = x\nport = y\n[a]\n', 'u.conf')),
    ).toEqual([
      "u.conf:1: maxretry must be a whole number, not 'many'",
      'u.conf:5: UPS [a] is defined twice',
    ]);
  });
});

describe('upsd.conf', () => {
  it('has NUT defaults', () => {
    expect(parseUpsdConf('')).toMatchObject({
      listen: [],
      maxAge: 15,
      trackingDelay: 3600,
      certRequest: 0,
      allowNoDevice: false,
    });
  });

  it('parses every keyword and warns about obsolete ones', () => {
    const conf = parseUpsdConf(
      'LISTEN 127.0.0.1 13493\nLISTEN ::1\nMAXAGE 5\nMAXCONN 50\nSTATEPATH /run/x\nCERTFILE /etc/c.pem\nCERTREQUEST REQUIRE\nALLOW_NO_DEVICE true\ndebug_min 2\nACL all 0.0.0.0/0\nFROB 1\n',
      'upsd.conf',
    );
    expect(conf.listen).toEqual([
      { address: '127.0.0.1', port: 13493 },
      { address: '::1', port: 3493 },
    ]);
    expect(conf).toMatchObject({
      maxAge: 5,
      maxConn: 50,
      statePath: '/run/x',
      certFile: '/etc/c.pem',
      certRequest: 2,
      allowNoDevice: true,
      debugMin: 2,
    });
    expect(conf.warnings.map((w) => w.line)).toEqual([10, 11]);
  });

  it('reports bad values with their lines', () => {
    expect(
      errorsOf(() => parseUpsdConf('MAXAGE soon\nLISTEN\nLISTEN ::1 99999\n', 'd.conf')),
    ).toEqual([
      "d.conf:1: MAXAGE must be a whole number >= 1, not 'soon'",
      'd.conf:2: LISTEN needs 1 argument',
      "d.conf:3: LISTEN port must be 1-65535, not '99999'",
    ]);
  });
});

describe('upsd.users', () => {
  it('parses rights and upsmon roles, old words included', () => {
    const { users, warnings } = parseUpsdUsers(
      [
        '[admin]',
        '  password = "pass words"',
        '  actions = SET',
        '  actions = fsd',
        '  instcmds = test.battery.start Test.Battery.Stop',
        '[mon]',
        '  password = x',
        '  upsmon master',
        '[sec]',
        '  password = y',
        '  upsmon = slave',
        '[admin]',
        '  password = other',
      ].join('\n'),
    );
    expect(users.get('admin')).toEqual({
      name: 'admin',
      password: 'pass words',
      actions: ['SET', 'FSD'],
      instcmds: ['test.battery.start', 'test.battery.stop'],
    });
    expect(users.get('mon')).toMatchObject({
      upsmon: 'primary',
      actions: ['LOGIN', 'MASTER', 'FSD'],
    });
    expect(users.get('sec')).toMatchObject({ upsmon: 'secondary', actions: ['LOGIN'] });
    expect(warnings.map((w) => w.line)).toEqual([12]);
  });

  it('rejects a bad upsmon role', () => {
    expect(errorsOf(() => parseUpsdUsers('[a]\nupsmon boss\n', 'users'))).toEqual([
      'users:2: upsmon must be followed by primary or secondary (or master/slave)',
    ]);
  });
});

describe('upsmon.conf', () => {
  const text = [
    'RUN_AS_USER root',
    'MONITOR dummy@127.0.0.1:13493 1 upsmon_primary pripass primary',
    'MONITOR other@[::1]:3493 0 mon "p w" slave',
    'MINSUPPLIES 1',
    'SHUTDOWNCMD "/sbin/shutdown -h +0"',
    'NOTIFYCMD /usr/local/bin/notify',
    'POLLFREQ 1',
    'HOSTSYNC 5',
    'NOTIFYMSG ONBATT "UPS %s is on battery"',
    'NOTIFYFLAG ONBATT SYSLOG+EXEC',
    'NOTIFYFLAG ONLINE IGNORE',
    'SHUTDOWNEXIT 30',
    'POWERDOWNFLAG /etc/killpower',
  ].join('\n');

  it('parses monitors, timers, notifications with NUT defaults elsewhere', () => {
    const conf = parseUpsmonConf(text);
    expect(conf.monitors).toEqual([
      {
        system: 'dummy@127.0.0.1:13493',
        upsName: 'dummy',
        host: '127.0.0.1',
        port: 13493,
        powerValue: 1,
        username: 'upsmon_primary',
        password: 'pripass',
        role: 'primary',
        line: 2,
      },
      {
        system: 'other@[::1]:3493',
        upsName: 'other',
        host: '::1',
        port: 3493,
        powerValue: 0,
        username: 'mon',
        password: 'p w',
        role: 'secondary',
        line: 3,
      },
    ]);
    expect(conf).toMatchObject({
      shutdownCmd: '/sbin/shutdown -h +0',
      pollFreq: 1,
      pollFreqAlert: 5,
      hostSync: 5,
      deadTime: 15,
      finalDelay: 5,
      offDuration: 30,
      overDuration: -1,
      shutdownExit: 30,
      powerDownFlag: '/etc/killpower',
    });
    expect(conf.notifyMsg.ONBATT).toBe('UPS %s is on battery');
    expect(conf.notifyMsg.LOWBATT).toBe('UPS %s battery is low');
    expect(conf.notifyFlag.ONBATT).toEqual({ syslog: true, wall: false, exec: true });
    expect(conf.notifyFlag.ONLINE).toEqual({ syslog: false, wall: false, exec: false });
    expect(conf.notifyFlag.FSD).toEqual({ syslog: true, wall: true, exec: false });
  });

  it('refuses power values below MINSUPPLIES and the old 4-argument MONITOR', () => {
    expect(
      errorsOf(() =>
        parseUpsmonConf(
          'MONITOR a@h 1 u p\nMINSUPPLIES 2\nMONITOR b@h 1 u p secondary\nPOLLFREQ 0\n',
          'm.conf',
        ),
      ),
    ).toEqual([
      'm.conf:1: MONITOR without primary/secondary is the pre-2.0 form: add primary or secondary at the end',
      'm.conf:4: POLLFREQ needs one whole number >= 1',
      'm.conf:3: the MONITOR power values add up to 1, less than MINSUPPLIES 2: this host could never stay up (use MINSUPPLIES 0 for a monitoring-only host)',
    ]);
  });

  it('parses systems', () => {
    expect(parseSystem('ups')).toEqual({ upsName: 'ups', host: 'localhost', port: 3493 });
    expect(parseSystem('ups@[::1]:1')).toEqual({ upsName: 'ups', host: '::1', port: 1 });
    expect(parseSystem('ups:3493')).toBeUndefined();
    expect(parseSystem('ups@h:0')).toBeUndefined();
  });
});

describe('any text', () => {
  it('gives a result or a ConfigError, never another exception', () => {
    const parsers = [parseUpsConf, parseUpsdConf, parseUpsdUsers, parseUpsmonConf];
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 3 }), (text, which) => {
        try {
          parsers[which]!(text, 'fuzz');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
