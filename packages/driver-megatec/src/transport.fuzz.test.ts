import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scale } from '@nut-ts/testkit';
import { MegatecReplyError, parseQ1 } from './protocol/q1.js';
import { LineTransport, type LinkEvents } from './transport.js';

const Q1_REPLY = '(230.4 140.0 229.8 023 50.0 27.3 31.0 00000001';
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A line whose far end the test plays. */
function fakeLink() {
  let link: LinkEvents | undefined;
  const transport = new LineTransport(async (events) => {
    link = events;
    return { write: async () => {}, close: async () => {} };
  });
  return { transport, answer: (bytes: Buffer) => link!.data(bytes) };
}

describe('LineTransport under a flood from the serial line', () => {
  it('hands the parser at most 4 KB after megabytes without a CR, then reads the next reply', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 4096 }),
        fc.integer({ min: 1, max: scale(2, 16) }),
        async (pattern, megabytes) => {
          // The junk never holds a CR, so nothing ends the reply until the flood is over.
          const junk = Buffer.from(pattern.map((b) => (b === 0x0d ? 0x20 : b)));
          const chunk = Buffer.concat(Array(Math.ceil(65536 / junk.length)).fill(junk));
          const { transport, answer } = fakeLink();
          const flooded = transport.query('Q1', 10_000);
          await settle();
          for (let sent = 0; sent < megabytes * 1024 * 1024; sent += chunk.length) answer(chunk);
          answer(Buffer.from(`${Q1_REPLY}\r`, 'latin1'));
          const reply = await flooded;
          expect(reply!.length).toBeLessThanOrEqual(4096 + Q1_REPLY.length);
          expect(() => parseQ1(reply!)).toThrow(MegatecReplyError);
          const next = transport.query('Q1', 10_000);
          await settle();
          answer(Buffer.from(`${Q1_REPLY}\r`, 'latin1'));
          await expect(next).resolves.toBe(Q1_REPLY);
          await transport.close();
        },
      ),
      { numRuns: scale(3, 30) },
    );
  });
});
