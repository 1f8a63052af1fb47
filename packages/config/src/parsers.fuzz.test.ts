import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyChar, fuzzRuns } from '@nut-ts/testkit';
import { ConfigError } from './diagnostics.js';
import { NOTIFY_TYPES } from './notify-types.js';
import { parseUpsConf } from './ups-conf.js';
import { parseUpsdConf, UPSD_KEYWORDS } from './upsd-conf.js';
import { parseUpsdUsers } from './upsd-users.js';
import { parseUpsmonConf, UPSMON_KEYWORDS } from './upsmon-conf.js';

const PARSERS = { parseUpsConf, parseUpsdConf, parseUpsdUsers, parseUpsmonConf } as const;
const parser = fc.constantFrom(...Object.values(PARSERS));

/** A parse gives a frozen result or a ConfigError naming the file and a line; nothing else. */
function resultOrConfigError(parse: (text: string, file: string) => unknown, text: string): void {
  let result: unknown;
  try {
    result = parse(text, 'fuzz.conf');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.diagnostics.length).toBeGreaterThan(0);
    for (const d of error.diagnostics) {
      expect(d.file).toBe('fuzz.conf');
      expect(d.line).toBeGreaterThanOrEqual(1);
    }
    return;
  }
  expect(Object.isFrozen(result)).toBe(true);
}

/** Words these files use, so the parsers get past "unknown keyword" to their deeper checks. */
const word = fc.oneof(
  fc.constantFrom(...Object.keys(UPSD_KEYWORDS), ...Object.keys(UPSMON_KEYWORDS), ...NOTIFY_TYPES),
  fc.constantFrom('driver', 'port', 'desc', 'sdorder', 'maxstartdelay', 'password', 'actions'),
  fc.constantFrom('instcmds', 'upsmon', 'allowfrom', '[ups]', '[admin]', '[]', '[', ']', '='),
  fc.constantFrom('primary', 'slave', 'SYSLOG+EXEC+', 'IGNORE', 'ups@[::1]:3493', 'u@h:0'),
  fc.constantFrom('-1', '99999999999999999999', '1e3', 'yes', '"a b"', '"', '\\', '#', '\r'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.string({ unit: anyChar, maxLength: 8 }),
);
const structured = fc
  .array(
    fc.array(word, { maxLength: 8 }).map((words) => words.join(' ')),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n'));

describe('configuration parsers on any text', () => {
  it('raw bytes as read from disk (latin1): a result or a ConfigError', () => {
    fc.assert(
      fc.property(parser, fc.uint8Array({ maxLength: 1000 }), (parse, bytes) =>
        resultOrConfigError(parse, Buffer.from(bytes).toString('latin1')),
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('any string: a result or a ConfigError', () => {
    fc.assert(
      fc.property(parser, fc.string({ unit: anyChar, maxLength: 500 }), resultOrConfigError),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('lines of real keywords, sections and values: a result or a ConfigError', () => {
    fc.assert(fc.property(parser, structured, resultOrConfigError), { numRuns: fuzzRuns(500) });
  });
});
