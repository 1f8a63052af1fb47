import { describe, expect, it } from 'vitest';
import { errorsOf, warningsOf } from './config-errors.test-helper.js';
import { parseUpsConf } from './ups-conf.js';

describe('parseUpsConf', () => {
  it('gives NUT defaults for an empty file', () => {
    const conf = parseUpsConf('', 'ups.conf');
    expect(conf.globals).toEqual({
      maxStartDelay: 75,
      maxRetry: 1,
      retryDelay: 5,
      pollInterval: 2,
      raw: {},
      flags: [],
    });
    expect(conf.ups).toEqual([]);
    expect(conf.warnings).toEqual([]);
  });

  it('reads globals, sections in order, options, flags, quoting and comments', () => {
    const conf = parseUpsConf(
      [
        '# a comment line',
        'maxretry = 3',
        'retrydelay=1   # trailing comment',
        'driverpath = "/usr/lib/nut drivers"',
        'nowait',
        '',
        '[zeta]',
        '  driver = dummy-ups',
        '  port = z.dev',
        '  desc = "Quoted \\"desc\\" with \\# hash"',
        '  ignorelb',
        '  override.battery.charge.low = 30',
        '[alpha]',
        '  driver = nutdrv_qx',
        '  port = tcp://127.0.0.1:4000',
        '  sdorder = -1',
        '  maxstartdelay = 10',
      ].join('\n'),
      'ups.conf',
    );
    expect(conf.globals).toMatchObject({
      maxRetry: 3,
      retryDelay: 1,
      driverPath: '/usr/lib/nut drivers',
      raw: { maxretry: '3', retrydelay: '1', driverpath: '/usr/lib/nut drivers' },
      flags: ['nowait'],
    });
    expect(conf.ups.map((u) => u.name)).toEqual(['zeta', 'alpha']);
    expect(conf.ups[0]).toEqual({
      name: 'zeta',
      driver: 'dummy-ups',
      port: 'z.dev',
      desc: 'Quoted "desc" with # hash',
      options: {
        driver: 'dummy-ups',
        port: 'z.dev',
        desc: 'Quoted "desc" with # hash',
        'override.battery.charge.low': '30',
      },
      flags: ['ignorelb'],
      file: 'ups.conf',
      line: 7,
    });
    expect(conf.ups[1]).toMatchObject({ sdOrder: -1, maxStartDelay: 10, line: 13 });
    expect(conf.warnings).toEqual([]);
  });

  it('reads CRLF files and backslash-newline continuations', () => {
    const crlf = parseUpsConf('[a]\r\n driver = dummy-ups\r\n port = a.dev\r\n', 'u');
    expect(crlf.ups[0]).toMatchObject({ driver: 'dummy-ups', port: 'a.dev' });
    const continued = parseUpsConf('[a]\n driver = dummy-\\\nups\n port = a.dev\n', 'u');
    expect(continued.ups[0]).toMatchObject({ driver: 'dummy-ups', port: 'a.dev' });
    // As in NUT, a backslash before CR escapes the CR (then dropped), so CRLF does not continue.
    const crlfContinued = parseUpsConf('[a]\r\n driver = dummy-\\\r\nups\r\n port = a\r\n', 'u');
    expect(crlfContinued.ups[0]).toMatchObject({ driver: 'dummy-', flags: ['ups'] });
  });

  it('ignores what NUT ignores, with a warning at the line', () => {
    const conf = parseUpsConf(
      [
        'frobnicate = 1',
        '[a]',
        '  driver dummy-ups',
        '  port = a.dev',
        '  desc = Two words',
        '  serial =',
        '[b]',
        '  driver = dummy-ups',
        '[c] trailing',
        '  driver = dummy-ups',
        '  port = c.dev',
      ].join('\n'),
      'u.conf',
    );
    expect(conf.ups.map((u) => [u.name, u.desc])).toEqual([['c', undefined]]);
    expect(warningsOf(conf)).toEqual([
      "u.conf:1: unknown global 'frobnicate' ignored",
      "u.conf:3: 'driver' needs '=': write 'driver = dummy-ups'; line ignored, as NUT does",
      "u.conf:5: desc takes 'Two' only, as NUT does; quote a value that has spaces",
      "u.conf:6: 'serial' has no value; line ignored, as NUT does",
      'u.conf:9: words after [c] ignored',
      'u.conf:2: UPS [a] has no driver: ignored, as NUT does',
      'u.conf:7: UPS [b] has no port: ignored, as NUT does',
    ]);
  });

  it('matches keys case-sensitively and lets the last value win, as NUT does', () => {
    const conf = parseUpsConf(
      [
        'MaxRetry = 9',
        '[a]',
        '  driver = dummy-ups',
        '  Driver = nutdrv_qx',
        '  port = a.dev',
        '  SDORDER = 3',
        '  port = b.dev',
      ].join('\n'),
      'u.conf',
    );
    expect(conf.globals.maxRetry).toBe(1);
    expect(conf.ups[0]).toMatchObject({ driver: 'dummy-ups', port: 'b.dev' });
    expect(conf.ups[0]!.sdOrder).toBeUndefined();
    expect(warningsOf(conf)).toEqual([
      "u.conf:1: 'MaxRetry' is not 'maxretry': NUT reads keys case-sensitively and ignores it",
      "u.conf:4: 'Driver' is not 'driver': NUT reads keys case-sensitively and ignores it",
      "u.conf:6: 'SDORDER' is not 'sdorder': NUT reads keys case-sensitively and ignores it",
    ]);
  });

  it('reports every error at once, each at its file:line', () => {
    const text = [
      'maxretry = many', // 1
      'pollinterval = 0', // 2
      '[ok]', // 3
      'driver = x', // 4
      'port = y', // 5
      'sdorder = first', // 6
      '[OK]', // 7
      'driver = x', // 8
      'port = y', // 9
      '[default]', // 10
      '[bad@name]', // 11
      '[]', // 12
      '[q]', // 13
      'driver = x', // 14
      'desc = "unescaped # in quotes"', // 15
      'port = y', // 16
      'maxstartdelay = -5', // 17
    ].join('\n');
    expect(errorsOf(() => parseUpsConf(text, 'u.conf'))).toEqual([
      'u.conf:15: Unbalanced word due to unescaped # in quotes',
      "u.conf:1: maxretry must be a whole number >= 1, not 'many'",
      "u.conf:2: pollinterval must be a whole number >= 1, not '0'",
      'u.conf:7: UPS [OK] is defined twice',
      'u.conf:10: the section name [default] is reserved',
      "u.conf:11: invalid UPS name [bad@name]: use letters, digits, '_', '.' and '-'",
      "u.conf:12: invalid UPS name []: use letters, digits, '_', '.' and '-'",
      "u.conf:6: [ok] sdorder must be a whole number >= -1, not 'first'",
      "u.conf:17: [q] maxstartdelay must be a whole number >= 0, not '-5'",
    ]);
  });

  it('freezes the result', () => {
    const conf = parseUpsConf('[a]\ndriver = d\nport = p\n');
    expect(Object.isFrozen(conf)).toBe(true);
    expect(Object.isFrozen(conf.ups)).toBe(true);
    expect(Object.isFrozen(conf.ups[0]!.options)).toBe(true);
    expect(Object.isFrozen(conf.globals.raw)).toBe(true);
    expect(() => (conf.ups[0]!.flags as string[]).push('x')).toThrow(TypeError);
  });
});
