import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './diagnostics.js';
import { NOTIFY_TYPES } from './notify-types.js';
import { parseUpsConf } from './ups-conf.js';
import { parseUpsdConf, UPSD_KEYWORDS } from './upsd-conf.js';
import { parseUpsdUsers } from './upsd-users.js';
import { parseUpsmonConf, UPSMON_KEYWORDS } from './upsmon-conf.js';
import { fuzzRuns } from '@nut-ts/testkit';

const PARSERS = [parseUpsConf, parseUpsdConf, parseUpsdUsers, parseUpsmonConf] as const;

/** Parses, then checks the only failure is a ConfigError whose every line names the file. */
function parsesOrConfigError(parse: (text: string, file: string) => unknown, text: string): void {
  try {
    parse(text, 'fuzz.conf');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { diagnostics } = error as ConfigError;
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
  }
}

/** Lines made of the words these files use, so parsers get past "unknown keyword". */
const word = fc.oneof(
  fc.constantFrom(
    ...Object.keys(UPSD_KEYWORDS),
    ...Object.keys(UPSMON_KEYWORDS),
    ...NOTIFY_TYPES,
    'driver',
    'port',
    'desc',
    'sdorder',
    'password',
    'actions',
    'instcmds',
    'upsmon',
    '[ups]',
    '[admin]',
    '[]',
    '=',
    'primary',
    'slave',
    'SYSLOG+EXEC',
    'IGNORE',
    'ups@[::1]:3493',
    '0',
    '1',
    '-1',
    '99999',
    'yes',
    '"quoted value"',
    '"',
    '\\',
    '#',
    '\r',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -5, max: 70000 }).map(String),
);
const structured = fc
  .array(
    fc.array(word, { maxLength: 7 }).map((words) => words.join(' ')),
    { maxLength: 25 },
  )
  .map((lines) => lines.join('\n'));

describe('any text', () => {
  it('gives a result or a ConfigError, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), fc.nat(3), (text, which) =>
        parsesOrConfigError(PARSERS[which]!, text),
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('lines of real keywords and values: a result or a ConfigError', () => {
    fc.assert(
      fc.property(structured, fc.nat(3), (text, which) =>
        parsesOrConfigError(PARSERS[which]!, text),
      ),
      { numRuns: fuzzRuns(600) },
    );
  });
});
