import { NUT_PORT } from '@nut-ts/core';

/** A parsed `ups[@host[:port]]` identifier. */
export interface UpsId {
  ups: string;
  /** `localhost` when not given. */
  host: string;
  /** 3493 when not given. */
  port: number;
}

/**
 * Parses `ups[@host[:port]]` (IPv6 as `ups@[::1]:port`). Throws an Error with NUT's wording for
 * `ups:port` without a host and for malformed input.
 */
export function parseUpsId(text: string): UpsId {
  const match = /^([^@]*)(?:@(\[[^\]]*\]|[^:]*)(?::(.*))?)?$/.exec(text);
  if (!match || match[1] === '' || match[1]!.includes(':')) {
    throw new Error(`invalid UPS definition '${text}': use upsname[@hostname[:port]]`);
  }
  const [, ups, rawHost, rawPort] = match;
  let port = NUT_PORT;
  if (rawPort !== undefined) {
    if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) {
      throw new Error(`invalid port '${rawPort}' in '${text}'`);
    }
    port = Number(rawPort);
  }
  const host =
    rawHost === undefined || rawHost === '' ? 'localhost' : rawHost.replace(/^\[(.*)\]$/, '$1');
  return { ups: ups!, host, port };
}

/** Parses `host[:port]` for commands that take only a server (`upsc -l`). */
export function parseHostPort(text: string | undefined): { host: string; port: number } {
  if (!text) return { host: 'localhost', port: NUT_PORT };
  const { host, port } = parseUpsId(`x@${text}`);
  return { host, port };
}
