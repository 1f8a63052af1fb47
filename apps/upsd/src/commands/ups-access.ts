import { quote } from '@nut-ts/protocol';
import type { VarInfo } from '@nut-ts/core';
import type { UpsEntry } from '../ups-registry.js';
import { err, type CommandContext } from './context.js';

/** The UPS, or the ERR reply when it is unknown or (with `available`) cannot be served. */
export function lookupUps(
  ctx: CommandContext,
  name: string,
  available: boolean,
): UpsEntry | string {
  const ups = ctx.registry.find(name);
  if (!ups) return err('UNKNOWN-UPS');
  if (available) {
    const problem = ups.link.unavailable();
    if (problem) return err(problem);
  }
  return ups;
}

/** A variable's value as clients see it: ups.status carries the `FSD ` latch prefix. */
export function servedValue(ups: UpsEntry, info: VarInfo): string {
  return ups.fsd && info.name.toLowerCase() === 'ups.status' ? `FSD ${info.value}` : info.value;
}

/** Variables in NUT's order: sorted case-insensitively by name. */
export function sortedVars(ups: UpsEntry): VarInfo[] {
  return [...ups.link.vars.values()].sort((a, b) => compareCi(a.name, b.name));
}

export function compareCi(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `BEGIN LIST <query>` + items + `END LIST <query>`. */
export function listBlock(query: string, items: string[]): string {
  return `BEGIN LIST ${query}\n${items.map((item) => `${item}\n`).join('')}END LIST ${query}\n`;
}

export { quote };
