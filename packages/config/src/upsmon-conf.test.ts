import { describe, expect, it } from 'vitest';
import { errorsOf, warningsOf } from './config-errors.test-helper.js';
import { NOTIFY_MESSAGES, NOTIFY_TYPES } from './notify-types.js';
import { parseSystem } from './monitor-system.js';
import { parseUpsmonConf } from './upsmon-conf.js';

const MONITOR = 'MONITOR ups@localhost 1 mon pass primary\n';

describe('parseUpsmonConf', () => {
  it('gives every NUT default', () => {
    const { monitors, notifyMsg, notifyFlag, warnings, ...rest } = parseUpsmonConf(MONITOR);
    expect(rest).toEqual({
      minSupplies: 1,
      pollFreq: 5,
      pollFreqAlert: 5,
      hostSync: 15,
      deadTime: 15,
      finalDelay: 5,
      rbWarnTime: 43200,
      noCommWarnTime: 300,
      offDuration: 30,
      overDuration: -1,
      obLbDuration: 0,
      alarmCritical: true,
      shutdownExit: true,
      pollFailLogThrottleMax: -1,
      certVerify: false,
      forceSsl: false,
    });
    expect(monitors).toHaveLength(1);
    expect(warnings).toEqual([]);
    expect(notifyMsg).toEqual(NOTIFY_MESSAGES);
    expect(Object.keys(notifyFlag)).toEqual(NOTIFY_TYPES);
    for (const type of NOTIFY_TYPES)
      expect(notifyFlag[type]).toEqual({ syslog: true, wall: true, exec: false });
  });

  it('has the 32 notification types of NUT 2.8 with their stock messages', () => {
    expect(NOTIFY_TYPES).toHaveLength(32);
    expect(NOTIFY_MESSAGES.SHUTDOWN).toBe('Auto logout and shutdown proceeding');
    expect(NOTIFY_MESSAGES.NOPARENT).toBe('upsmon parent process died - shutdown impossible');
  });

  it('reads MONITOR systems in every form', () => {
    const conf = parseUpsmonConf(
      [
        'MONITOR a 1 u p primary',
        'MONITOR b@host.example 2 u "p w" master',
        'MONITOR c@10.0.0.1:13493 0 u p secondary',
        'MONITOR d@[::1]:3494 1 u p slave',
        'MONITOR e@[fe80::1] 1 u p SECONDARY',
      ].join('\n'),
    );
    expect(
      conf.monitors.map(({ system, upsName, host, port, powerValue, password, role, line }) => [
        system,
        upsName,
        host,
        port,
        powerValue,
        password,
        role,
        line,
      ]),
    ).toEqual([
      ['a', 'a', 'localhost', 3493, 1, 'p', 'primary', 1],
      ['b@host.example', 'b', 'host.example', 3493, 2, 'p w', 'primary', 2],
      ['c@10.0.0.1:13493', 'c', '10.0.0.1', 13493, 0, 'p', 'secondary', 3],
      ['d@[::1]:3494', 'd', '::1', 3494, 1, 'p', 'secondary', 4],
      ['e@[fe80::1]', 'e', 'fe80::1', 3493, 1, 'p', 'secondary', 5],
    ]);
    expect(conf.monitors[0]!.username).toBe('u');
  });

  it('reads timers, commands and notification settings', () => {
    const conf = parseUpsmonConf(
      [
        MONITOR,
        'SHUTDOWNCMD "/sbin/shutdown -h +0"',
        'NOTIFYCMD /usr/sbin/upssched',
        'POLLFREQ 1',
        'POLLFREQALERT 2',
        'HOSTSYNC 0',
        'DEADTIME 4',
        'FINALDELAY 0',
        'RBWARNTIME 60',
        'NOCOMMWARNTIME 30',
        'OFFDURATION -1',
        'OVERDURATION 0',
        'OBLBDURATION 3',
        'ALARMCRITICAL off',
        'POWERDOWNFLAG /etc/killpower',
        'RUN_AS_USER nut',
        'CERTPATH /etc/ssl/certs',
        'CERTFILE /etc/nut/client.pem',
        'CERTVERIFY 1',
        'FORCESSL yes',
        'Debug_Min 3',
        'NOTIFYMSG ONBATT "UPS %s is on battery"',
        'NOTIFYFLAG ONBATT SYSLOG+WALL+EXEC',
        'NOTIFYFLAG LOWBATT exec+syslog',
        'NOTIFYFLAG ONLINE IGNORE',
        'NOTIFYFLAG FSD IGNORE+WALL',
      ].join('\n'),
    );
    expect(conf).toMatchObject({
      shutdownCmd: '/sbin/shutdown -h +0',
      notifyCmd: '/usr/sbin/upssched',
      pollFreq: 1,
      pollFreqAlert: 2,
      hostSync: 0,
      deadTime: 4,
      finalDelay: 0,
      rbWarnTime: 60,
      noCommWarnTime: 30,
      offDuration: -1,
      overDuration: 0,
      obLbDuration: 3,
      alarmCritical: false,
      powerDownFlag: '/etc/killpower',
      runAsUser: 'nut',
      certPath: '/etc/ssl/certs',
      certFile: '/etc/nut/client.pem',
      certVerify: true,
      forceSsl: true,
      debugMin: 3,
      warnings: [],
    });
    expect(conf.notifyMsg.ONBATT).toBe('UPS %s is on battery');
    expect(conf.notifyMsg.LOWBATT).toBe(NOTIFY_MESSAGES.LOWBATT);
    expect(conf.notifyFlag.ONBATT).toEqual({ syslog: true, wall: true, exec: true });
    expect(conf.notifyFlag.LOWBATT).toEqual({ syslog: true, wall: false, exec: true });
    expect(conf.notifyFlag.ONLINE).toEqual({ syslog: false, wall: false, exec: false });
    expect(conf.notifyFlag.FSD).toEqual({ syslog: false, wall: true, exec: false });
    expect(conf.notifyFlag.COMMBAD).toEqual({ syslog: true, wall: true, exec: false });
  });

  it('reads SHUTDOWNEXIT as yes, no or seconds', () => {
    const exit = (word: string) => parseUpsmonConf(`${MONITOR}SHUTDOWNEXIT ${word}`).shutdownExit;
    expect(['yes', 'no', 'true', 'off', '1', '0', '2', '45'].map(exit)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      2,
      45,
    ]);
  });

  it('warns where NUT only logs, and about what NUT 2.8.0 would read differently', () => {
    const conf = parseUpsmonConf(
      [
        MONITOR.trim(),
        'FROB 2',
        'pollfreq 3',
        'POLLFREQ = 4',
        'SHUTDOWNCMD /sbin/shutdown -h now',
        'POLLFAIL_LOG_THROTTLE_MAX 5',
        'CERTIDENT name dbpass',
        'CERTHOST host.example cert 1 1',
      ].join('\n'),
      'm.conf',
    );
    expect(conf.pollFreq).toBe(4);
    expect(conf.shutdownCmd).toBe('/sbin/shutdown -h now');
    expect(conf.pollFailLogThrottleMax).toBe(5);
    expect(conf.certIdent).toEqual({ name: 'name', password: 'dbpass' });
    expect(warningsOf(conf)).toEqual([
      'm.conf:2: unknown keyword ignored (not shown: it may be a password from a broken line)',
      "m.conf:3: unknown keyword 'pollfreq' ignored: keywords are case-sensitive, write POLLFREQ",
      "m.conf:4: 'POLLFREQ =': NUT 2.8.0 would read '=' as the value; write 'POLLFREQ <value>'",
      "m.conf:5: SHUTDOWNCMD: words joined into one command; NUT 2.8.0 would run only '/sbin/shutdown': quote it",
      'm.conf:6: POLLFAIL_LOG_THROTTLE_MAX: accepted, but nut-ts logs each poll failure state change once anyway',
      'm.conf:7: CERTIDENT: NSS setting: accepted, but nut-ts uses CERTPATH, CERTVERIFY and FORCESSL',
      'm.conf:8: CERTHOST: NSS setting: accepted, but nut-ts uses CERTPATH, CERTVERIFY and FORCESSL',
    ]);
  });

  it('reports every error at once with its line', () => {
    const text = [
      'MONITOR a@h 1 u p', // 1: pre-2.0 form
      'MONITOR b@h:99999 x u p boss', // 2
      'MONITOR c@h 1 u p primary extra', // 3
      'POLLFREQ 0', // 4
      'DEADTIME soon', // 5
      'OFFDURATION -2', // 6
      'NOTIFYFLAG ONBAT SYSLOG', // 7
      'NOTIFYFLAG ONBATT SYSLOG+LOUD+EMAIL', // 8
      'NOTIFYMSG LOWBATT', // 9
      'NOTIFYMSG BOGUS "x"', // 10
      'SHUTDOWNEXIT maybe', // 11
      'ALARMCRITICAL 2', // 12
      'SHUTDOWNCMD', // 13
      'MONITOR d@h 1 u p secondary', // 14
      'MINSUPPLIES 2', // 15
    ].join('\n');
    const types = NOTIFY_TYPES.join(', ');
    expect(errorsOf(() => parseUpsmonConf(text, 'm.conf'))).toEqual([
      'm.conf:1: MONITOR without primary/secondary is the pre-2.0 form: add primary or secondary at the end',
      "m.conf:2: MONITOR system 'b@h:99999' is not <ups>[@<host>[:<port>]] with a port 1-65535; power value (the word after the system) must be a whole number >= 0; type must be primary or secondary (or master/slave) in the last field, after the password (what is written there is not shown: it may be the password)",
      'm.conf:3: MONITOR needs <ups>[@<host>[:<port>]] <powervalue> <username> <password> primary|secondary',
      "m.conf:4: POLLFREQ must be a whole number >= 1, not '0'",
      "m.conf:5: DEADTIME must be a whole number >= 1, not 'soon'",
      "m.conf:6: OFFDURATION must be a whole number >= -1, not '-2'",
      `m.conf:7: NOTIFYFLAG 'ONBAT' is not a notify type (${types})`,
      "m.conf:8: NOTIFYFLAG unknown flags 'LOUD', 'EMAIL' (SYSLOG, WALL, EXEC, IGNORE)",
      'm.conf:9: NOTIFYMSG needs <notify type> "<message>"',
      `m.conf:10: NOTIFYMSG 'BOGUS' is not a notify type (${types})`,
      "m.conf:11: SHUTDOWNEXIT must be yes, no or a number of seconds, not 'maybe'",
      "m.conf:12: ALARMCRITICAL must be true or false (yes/no, on/off, 1/0), not '2'",
      'm.conf:13: SHUTDOWNCMD needs "<command>"',
      'm.conf:15: the MONITOR power values add up to 1, less than MINSUPPLIES 2: this host could never stay up (use MINSUPPLIES 0 for a monitoring-only host)',
    ]);
  });

  it('refuses a file without power (NUT: insufficient power configured) unless MINSUPPLIES 0', () => {
    expect(errorsOf(() => parseUpsmonConf('', 'm.conf'))).toEqual([
      'm.conf:1: the MONITOR power values add up to 0, less than MINSUPPLIES 1: this host could never stay up (use MINSUPPLIES 0 for a monitoring-only host)',
    ]);
    const watcher = parseUpsmonConf('MINSUPPLIES 0\nMONITOR ups@h 0 u p secondary\n');
    expect(watcher.monitors[0]!.powerValue).toBe(0);
  });

  it('freezes the result', () => {
    const conf = parseUpsmonConf(MONITOR);
    expect(Object.isFrozen(conf.monitors[0])).toBe(true);
    expect(Object.isFrozen(conf.notifyFlag.ONBATT)).toBe(true);
    expect(() => {
      (conf.notifyMsg as Record<string, string>).ONBATT = 'x';
    }).toThrow(TypeError);
  });
});

describe('parseSystem', () => {
  it('splits ups[@host[:port]] and rejects malformed systems', () => {
    expect(parseSystem('ups')).toEqual({ upsName: 'ups', host: 'localhost', port: 3493 });
    expect(parseSystem('ups@h:1')).toEqual({ upsName: 'ups', host: 'h', port: 1 });
    expect(parseSystem('ups@[::1]:65535')).toEqual({ upsName: 'ups', host: '::1', port: 65535 });
    for (const bad of ['', 'ups:3493', 'ups@h:0', 'ups@h:65536', 'ups@', '@h', 'a@b@c', 'u@::1'])
      expect(parseSystem(bad), bad).toBeUndefined();
  });
});
