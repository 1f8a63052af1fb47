import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '@nut-ts/testkit';
import { errorsOf, warningsOf } from './config-errors.test-helper.js';
import { ConfigError } from './diagnostics.js';
import { parseUpsdConf } from './upsd-conf.js';
import { parseUpsdUsers } from './upsd-users.js';
import { parseUpsmonConf } from './upsmon-conf.js';

/**
 * A password no message could contain by chance: a fixed prefix and 8-20 characters a bare
 * word may hold (no blank, quote, backslash, `#` or `=`).
 */
const secret = fc
  .stringMatching(/^[A-Za-z0-9!$%&*+,.:;<>?@^_~-]{8,20}$/)
  .map((tail) => `Pw!${tail}`);

/** Every message a parse produced: its errors (when it throws) and its warnings. */
function messagesOf(parse: () => { warnings: readonly { message: string }[] }): string[] {
  try {
    return parse().warnings.map((w) => w.message);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [error.message, ...error.diagnostics.map((d) => d.message)];
  }
}

function expectNoSecret(messages: readonly string[], password: string): void {
  for (const message of messages) expect(message).not.toContain(password);
}

/** Lines that go wrong around a password without being one (bad fields, sections, junk). */
const noise = fc.constantFrom(
  'actions = SET FROB',
  'instcmds',
  'upsmon boss',
  'allowfrom 10.0.0.1',
  'colour = blue',
  '[admin]',
  '[]',
  '"unterminated #',
  '',
);

describe('upsd.users: no error or warning repeats a password', () => {
  /** Password lines, well and badly formed, with `%PW%` standing for the secret. */
  const passwordLine = fc.constantFrom(
    'password = %PW%',
    'password %PW%',
    'PASSWORD=%PW%',
    'password = %PW% extra words',
    'password %PW% %PW%',
    'password = "%PW% and more"',
    'password = "%PW%" trailing',
    'password',
    'password = "%PW%#x"',
    'password = %PW% # comment',
    '[admin] password = %PW%',
    'upsmon primary %PW%',
    // The password on the wrong line: after a bare `password`, among actions, without a keyword.
    '%PW%',
    '"%PW%"',
    '%PW% = x',
    'actions = SET %PW%',
    'actions %PW%',
    'upsmon %PW%',
    'instcmds %PW%',
  );

  it('whatever the shape of the password lines and what surrounds them', () => {
    fc.assert(
      fc.property(
        secret,
        fc.array(fc.oneof(passwordLine, noise), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (password, lines, header) => {
          const text = [...(header ? ['[admin]'] : []), ...lines]
            .map((line) => line.replaceAll('%PW%', password))
            .join('\n');
          expectNoSecret(
            messagesOf(() => parseUpsdUsers(text, 'upsd.users')),
            password,
          );
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});

describe('upsmon.conf and upsd.conf: no error or warning repeats a password', () => {
  const system = fc.constantFrom(
    'ups@localhost',
    'ups@[::1]:3493',
    'ups@host:0',
    '@',
    'u@h:x',
    // User and password in the system, as in a URL.
    'ups@monuser:%PW%@localhost',
    'monuser:%PW%@localhost:3493',
  );
  const power = fc.constantFrom('1', '0', '-1', 'x', '99999999999999');
  const role = fc.constantFrom('primary', 'secondary', 'master', 'boss', '');
  const extra = fc.array(fc.constantFrom('junk', '1', 'primary'), { maxLength: 2 });
  /** MONITOR lines with the password where it belongs, and everything else right or wrong. */
  const monitor = fc
    .tuple(fc.constantFrom('MONITOR', 'MONITOR ='), system, power, role, extra)
    .map(([keyword, sys, pow, rol, more]) =>
      [keyword, sys, pow, 'monuser', '%PW%', rol, ...more].filter((w) => w !== '').join(' '),
    );
  const otherLine = fc.constantFrom(
    'MONITOR ups@localhost 1 monuser %PW%',
    'CERTIDENT "my cert" %PW%',
    'CERTIDENT %PW%',
    'CERTIDENT "my cert" %PW% extra',
    'MINSUPPLIES 5',
    'POLLFREQ never',
    'monitor ups@localhost 1 monuser %PW% primary',
    // The password one field off: in the role's place, in the power value's place.
    'MONITOR ups@localhost 1 monuser primary %PW%',
    'MONITOR ups@localhost 1 monuser x %PW%',
    'MONITOR ups@localhost %PW% monuser x primary',
    'MONITOR ups@localhost:0 %PW% monuser primary %PW%',
    // A MONITOR line broken in two: the password starts the next line.
    '%PW% primary',
    '%PW%',
    '"unterminated #',
  );

  it('upsmon.conf, whatever is wrong on the MONITOR and CERTIDENT lines', () => {
    fc.assert(
      fc.property(
        secret,
        fc.array(fc.oneof(monitor, otherLine), { minLength: 1, maxLength: 8 }),
        (password, lines) => {
          const text = lines.map((line) => line.replaceAll('%PW%', password)).join('\n');
          expectNoSecret(
            messagesOf(() => parseUpsmonConf(text, 'upsmon.conf')),
            password,
          );
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('upsmon.conf and upsd.conf without errors, so their warnings are seen too', () => {
    const stray = fc.constantFrom('%PW%', '%PW% primary', '"%PW%"', '%PW% = x', 'x %PW%');
    const valid = fc.constantFrom('CERTIDENT c %PW%', 'FROB 1', 'DEBUG_MIN 2');
    fc.assert(
      fc.property(secret, fc.array(fc.oneof(stray, valid), { maxLength: 8 }), (password, lines) => {
        const body = lines.map((line) => line.replaceAll('%PW%', password));
        for (const [parse, first] of [
          [parseUpsmonConf, 'MINSUPPLIES 0'],
          [parseUpsdConf, 'MAXAGE 15'],
        ] as const) {
          expectNoSecret(
            messagesOf(() => parse([first, ...body].join('\n'))),
            password,
          );
        }
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('upsd.conf, CERTIDENT right or wrong', () => {
    fc.assert(
      fc.property(
        secret,
        fc.constantFrom('CERTIDENT "c" %PW%', 'CERTIDENT %PW%', 'CERTIDENT = c %PW% x'),
        (password, line) => {
          const text = `${line.replaceAll('%PW%', password)}\nMAXAGE soon\n`;
          expectNoSecret(
            messagesOf(() => parseUpsdConf(text, 'upsd.conf')),
            password,
          );
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });
});

describe('a password on the wrong line or field: the message says where and what belongs there', () => {
  const pw = 'Pw!hunter2-secret';

  it('MONITOR with the password in the role or power value field', () => {
    const text = [
      `MONITOR ups@localhost 1 monuser primary ${pw}`,
      `MONITOR ups@localhost ${pw} monuser x primary`,
      'MINSUPPLIES 0',
    ].join('\n');
    expect(errorsOf(() => parseUpsmonConf(text, 'upsmon.conf'))).toEqual([
      'upsmon.conf:1: MONITOR type must be primary or secondary (or master/slave) in the last field, after the password (what is written there is not shown: it may be the password)',
      'upsmon.conf:2: MONITOR power value (the word after the system) must be a whole number >= 0 (what is written there is not shown: it may be the password)',
    ]);
  });

  it('MONITOR with user:password@ in the system, as in a URL', () => {
    const text = [
      `MONITOR ups@monuser:${pw}@localhost 1 monuser ${pw} primary`,
      `MONITOR monuser:${pw}@localhost x monuser ${pw} primary`,
      'MONITOR ups@localhost:99999 1 monuser x primary',
      'MINSUPPLIES 0',
    ].join('\n');
    expect(errorsOf(() => parseUpsmonConf(text, 'upsmon.conf'))).toEqual([
      'upsmon.conf:1: MONITOR system is not <ups>[@<host>[:<port>]]: user and password are the fields after the power value, not user:password@ as in a URL (what is written there is not shown: it may be the password)',
      'upsmon.conf:2: MONITOR system is not <ups>[@<host>[:<port>]]: user and password are the fields after the power value, not user:password@ as in a URL; power value (the word after the system) must be a whole number >= 0 (what is written there is not shown: it may be the password)',
      // Without a `:` before an `@` the system holds no password, and is quoted.
      "upsmon.conf:3: MONITOR system 'ups@localhost:99999' is not <ups>[@<host>[:<port>]] with a port 1-65535",
    ]);
  });

  it('upsmon.conf: a line starting with the password (the tail of a broken MONITOR line)', () => {
    const conf = parseUpsmonConf(`MINSUPPLIES 0\n${pw} primary\nmonitor x\n`, 'upsmon.conf');
    expect(warningsOf(conf)).toEqual([
      'upsmon.conf:2: unknown keyword ignored (not shown: it may be a password from a broken line)',
      "upsmon.conf:3: unknown keyword 'monitor' ignored: keywords are case-sensitive, write MONITOR",
    ]);
  });

  it('upsd.users: a password after a bare `password`, among actions, or before any [user]', () => {
    const users = ['[admin]', 'password', pw, `actions = SET ${pw}`].join('\n');
    expect(errorsOf(() => parseUpsdUsers(users, 'upsd.users'))).toEqual([
      'upsd.users:2: password needs exactly one value (quote it if it has spaces)',
    ]);
    const parsed = parseUpsdUsers(
      ['[admin]', `password = ${pw}`, pw, `actions = SET ${pw}`].join('\n'),
      'upsd.users',
    );
    expect(warningsOf(parsed)).toEqual([
      'upsd.users:3: unknown field ignored (not shown: it may be a password); the fields are password, actions, instcmds, upsmon',
      'upsd.users:4: actions: word 2 of the list is not SET or FSD and is ignored (not shown: it may be a password)',
    ]);
    expect(errorsOf(() => parseUpsdUsers(`${pw}\n[admin]\npassword x\n`, 'upsd.users'))).toEqual([
      'upsd.users:1: a line outside any [user] section (its first word is not shown: it may be a password)',
    ]);
  });
});
