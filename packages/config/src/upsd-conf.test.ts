import { describe, expect, it } from 'vitest';
import { errorsOf, warningsOf } from './config-errors.test-helper.js';
import { parseUpsdConf } from './upsd-conf.js';

describe('parseUpsdConf', () => {
  it('gives NUT defaults for an empty file', () => {
    expect(parseUpsdConf('', 'upsd.conf')).toEqual({
      listen: [],
      maxAge: 15,
      maxConn: 1024,
      trackingDelay: 3600,
      certRequest: 0,
      disableWeakSsl: false,
      allowNoDevice: false,
      allowNotAllListeners: false,
      tlsRequired: 'off',
      warnings: [],
    });
  });

  it('reads every keyword', () => {
    const conf = parseUpsdConf(
      [
        'LISTEN 127.0.0.1 13493',
        'LISTEN ::1',
        'LISTEN *',
        'MAXAGE 5',
        'MAXCONN 50',
        'TRACKINGDELAY 0',
        'STATEPATH "/run/nut state"',
        'DATAPATH /usr/share/nut',
        'CERTFILE /etc/nut/upsd.pem',
        'CERTPATH /etc/nut/cert.db',
        'CERTIDENT "my cert" dbpass',
        'CERTREQUEST require',
        'DISABLE_WEAK_SSL yes',
        'ALLOW_NO_DEVICE true',
        'ALLOW_NOT_ALL_LISTENERS 1',
        'TLS_REQUIRED remote',
        'debug_min 2',
      ].join('\r\n'),
      'upsd.conf',
    );
    expect(conf).toEqual({
      listen: [
        { address: '127.0.0.1', port: 13493 },
        { address: '::1', port: 3493 },
        { address: '*', port: 3493 },
      ],
      maxAge: 5,
      maxConn: 50,
      trackingDelay: 0,
      statePath: '/run/nut state',
      dataPath: '/usr/share/nut',
      certFile: '/etc/nut/upsd.pem',
      certPath: '/etc/nut/cert.db',
      certIdent: { name: 'my cert', password: 'dbpass' },
      certRequest: 2,
      disableWeakSsl: true,
      allowNoDevice: true,
      allowNotAllListeners: true,
      tlsRequired: 'remote',
      debugMin: 2,
      warnings: [],
    });
  });

  it('reads every CERTREQUEST form', () => {
    const levels = ['0', '1', '2', 'NO', 'REQUEST', 'REQUIRE', 'no'].map(
      (word) => parseUpsdConf(`CERTREQUEST ${word}`).certRequest,
    );
    expect(levels).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('warns about obsolete, unknown and wrong-case keywords, as NUT logs them', () => {
    const conf = parseUpsdConf(
      'ACL all 0.0.0.0/0\nACCEPT all\nREJECT all\nFROB 1\nmaxage 3\nMAXAGE = 7\n',
      'd.conf',
    );
    expect(conf.maxAge).toBe(7);
    expect(warningsOf(conf)).toEqual([
      'd.conf:1: ACL: obsolete since NUT 2.4 and ignored: use LISTEN and a firewall',
      'd.conf:2: ACCEPT: obsolete since NUT 2.4 and ignored: use LISTEN and a firewall',
      'd.conf:3: REJECT: obsolete since NUT 2.4 and ignored: use LISTEN and a firewall',
      'd.conf:4: unknown keyword ignored (not shown: it may be a password from a broken line)',
      "d.conf:5: unknown keyword 'maxage' ignored: keywords are case-sensitive, write MAXAGE",
      "d.conf:6: 'MAXAGE =': NUT 2.8.0 would read '=' as the value; write 'MAXAGE <value>'",
    ]);
  });

  it('reports every bad value at once with its line', () => {
    const text = [
      'MAXAGE soon',
      'LISTEN',
      'LISTEN ::1 99999',
      'LISTEN ::1 3493 extra',
      'MAXCONN 0',
      'TRACKINGDELAY -1',
      'CERTREQUEST maybe',
      'DISABLE_WEAK_SSL perhaps',
      'TLS_REQUIRED some',
      'CERTIDENT onlyname',
      'STATEPATH',
      'DEBUG_MIN -1',
    ].join('\n');
    expect(errorsOf(() => parseUpsdConf(text, 'd.conf'))).toEqual([
      "d.conf:1: MAXAGE must be a whole number >= 1, not 'soon'",
      'd.conf:2: LISTEN needs <address> [<port>]',
      "d.conf:3: LISTEN port must be 1-65535, not '99999'",
      'd.conf:4: LISTEN needs <address> [<port>]',
      "d.conf:5: MAXCONN must be a whole number >= 1, not '0'",
      "d.conf:6: TRACKINGDELAY must be a whole number >= 0, not '-1'",
      "d.conf:7: CERTREQUEST must be one of 0, 1, 2, NO, REQUEST, REQUIRE, not 'maybe'",
      "d.conf:8: DISABLE_WEAK_SSL must be true or false (yes/no, on/off, 1/0), not 'perhaps'",
      "d.conf:9: TLS_REQUIRED must be one of off, remote, all, not 'some'",
      'd.conf:10: CERTIDENT needs <certificate name> <database password>',
      'd.conf:11: STATEPATH needs <directory>',
      "d.conf:12: DEBUG_MIN must be a whole number >= 0, not '-1'",
    ]);
  });

  it('freezes the result', () => {
    const conf = parseUpsdConf('LISTEN ::1\n');
    expect(Object.isFrozen(conf.listen[0])).toBe(true);
    expect(() => (conf.listen as unknown[]).push({})).toThrow(TypeError);
  });
});
