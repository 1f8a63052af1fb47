import type { Logger } from '@nut-ts/core';
import { DIALECTS, type Dialect } from '../protocol/dialects.js';
import { parseVendorInfo, type VendorInfo, type VendorLayout } from '../protocol/info.js';
import { parseQ1, printable } from '../protocol/q1.js';
import type { MegatecTransport } from '../transport.js';

/** Times each dialect is tried before the next (NUT's MAXTRIES). */
export const MAX_TRIES = 3;

/** What detection found. */
export interface Detected {
  dialect: Dialect;
  /** The vendor reply read while claiming, when the dialect has one and it was asked. */
  vendor: VendorInfo | undefined;
}

/**
 * Finds the dialect the UPS speaks, in NUT's order (or only `forced`): a dialect claims the
 * UPS when its status query parses and, unless `noVendor` or for the bare `q1` fallback, its
 * `I` reply parses too. Each dialect gets {@link MAX_TRIES} tries; an echo (the Megatec way
 * to refuse a command) fails a try at once, silence after the reply timeout.
 */
export async function detectDialect(
  line: MegatecTransport,
  options: {
    forced: Dialect | undefined;
    noVendor: boolean;
    vendorLayout: VendorLayout;
    timeoutMs: number;
  },
  logger: Logger,
): Promise<Detected> {
  const candidates = options.forced ? [options.forced] : DIALECTS;
  for (const dialect of candidates) {
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      try {
        const status = await line.query(dialect.status, options.timeoutMs);
        if (status === undefined) throw new Error(`no reply to ${dialect.status}`);
        parseQ1(status);
        let vendor: VendorInfo | undefined;
        if (dialect.full && !options.noVendor) {
          const reply = await line.query('I', options.timeoutMs);
          if (reply === undefined) throw new Error('no reply to I');
          vendor = parseVendorInfo(reply, options.vendorLayout);
        }
        logger.info({ protocol: dialect.name }, `UPS found: using protocol ${dialect.label}`);
        return { dialect, vendor };
      } catch (error) {
        logger.debug(
          { protocol: dialect.name, attempt, err: printable((error as Error).message, 120) },
          'protocol does not answer',
        );
      }
    }
  }
  throw new Error(
    options.forced
      ? `no UPS answers protocol ${options.forced.name} on this port`
      : 'no supported Megatec/Q1 UPS answers on this port',
  );
}
