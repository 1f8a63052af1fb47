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
