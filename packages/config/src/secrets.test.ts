import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '@nut-ts/testkit';
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
  const system = fc.constantFrom('ups@localhost', 'ups@[::1]:3493', 'ups@host:0', '@', 'u@h:x');
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
