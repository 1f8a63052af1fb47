import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyChar, fuzzRuns } from '@nut-ts/testkit';
import {
  commandAccepted,
  CommandArgumentError,
  instantCommand,
  settableDelay,
} from './commands.js';
import { parseRatings, parseVendorInfo } from './info.js';
import { MegatecReplyError, parseQ1, printable } from './q1.js';
import { interpretQ1 } from './status-bits.js';

/** What a serial line delivers up to a CR: any bytes, read as latin1. */
const bytes = fc.uint8Array({ maxLength: 120 }).map((raw) => Buffer.from(raw).toString('latin1'));
/** Replies shaped like the real ones (start character, fields, bits) with junk in places. */
const field = fc.oneof(
  fc.constantFrom('230.0', '000.0', '-1', '1e3', '0x10', '2.27', '.5', '5.', 'NaN', '', '  '),
  fc.stringMatching(/^[0-9. -]{0,7}$/),
  fc.string({ unit: anyChar, maxLength: 6 }),
);
const replyish = fc
  .tuple(fc.constantFrom('(', '#', '', '(('), fc.array(field, { maxLength: 10 }))
  .map(([start, fields]) => `${start}${fields.join(' ')}`);
const reply = fc.oneof(bytes, replyish, fc.string({ unit: anyChar, maxLength: 80 }));

/** Runs `parse`, letting through only the error class it documents. */
function onlyDocumented(
  parse: () => unknown,
  documented: new (...args: never[]) => Error,
): unknown {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof documented)) throw error;
    // Messages end up in logs: they must stay printable and short whatever the reply was.
    expect(error.message).toMatch(/^[\x20-\x7e…]*$/);
    expect(error.message.length).toBeLessThan(200);
    return undefined;
  }
}

describe('Megatec reply parsers on junk from the serial line', () => {
  it('Q1, F and I replies: a value or a MegatecReplyError, never anything else', () => {
    fc.assert(
      fc.property(reply, (text) => {
        const status = onlyDocumented(() => parseQ1(text), MegatecReplyError);
        if (status) {
          const parsed = status as ReturnType<typeof parseQ1>;
          expect(parsed.bits).toHaveLength(8);
          for (const value of Object.values(parsed))
            if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
          const meaning = interpretQ1(parsed);
          expect(meaning.tokens[0]).toMatch(/^O[LB]$/);
        }
        const ratings = onlyDocumented(() => parseRatings(text), MegatecReplyError);
        if (ratings)
          for (const value of Object.values(ratings)) expect(Number.isFinite(value)).toBe(true);
        for (const layout of ['classic', 'ic'] as const) {
          const info = onlyDocumented(() => parseVendorInfo(text, layout), MegatecReplyError);
          if (info) expect(JSON.stringify(info)).toMatch(/^[\x20-\x7e]*$/);
        }
        expect(typeof commandAccepted(text)).toBe('boolean');
        expect(printable(text)).toMatch(/^[\x20-\x7e…]*$/);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('command parameters from clients: a command, undefined, or a CommandArgumentError', () => {
    const name = fc.oneof(
      fc.constantFrom('test.battery.start', 'shutdown.return', 'load.off', 'TEST.BATTERY.START'),
      fc.string({ unit: anyChar, maxLength: 20 }),
    );
    const param = fc.option(fc.oneof(field, fc.string({ unit: anyChar, maxLength: 30 })), {
      nil: undefined,
    });
    // Delays come from validated driver options: whole seconds, possibly out of the UPS's range.
    const delay = fc.integer({ min: -1000, max: 10_000_000 });
    fc.assert(
      fc.property(name, param, delay, delay, (command, value, onDelay, offDelay) => {
        const sent = onlyDocumented(
          () => instantCommand(command, value, { onDelay, offDelay }),
          CommandArgumentError,
        );
        if (typeof sent === 'string') expect(sent).toMatch(/^[A-Z0-9.]{1,12}$/);
        for (const variable of ['ups.delay.start', 'ups.delay.shutdown'] as const) {
          const seconds = settableDelay(variable, value ?? '');
          if (seconds !== undefined) expect(Number.isInteger(seconds)).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(500) },
    );
  });
});
