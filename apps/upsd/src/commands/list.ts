import {
  NO_DESCRIPTION,
  compareCi,
  listReply,
  quote,
  rangeItem,
  sortByName,
} from '@nut-ts/protocol';
import { err, type Handler } from './context.js';
import { lookupUps, servedValue } from './ups-access.js';

export const listUps: Handler<'LIST UPS'> = (_request, ctx) =>
  listReply(
    ['UPS'],
    ctx.registry.all.map((ups) => `UPS ${ups.name} ${quote(ups.desc ?? NO_DESCRIPTION)}`),
  );

/**
 * LIST VAR and LIST RW (only writable variables), sorted by name. Only LIST VAR shows the FSD
 * latch in ups.status; NUT 2.8.0's LIST RW prints the driver's value.
 */
export const listVars: Handler<'LIST VAR' | 'LIST RW'> = ({ kind, ups: name }, ctx) => {
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  const all = kind === 'LIST VAR';
  const word = all ? 'VAR' : 'RW';
  const vars = sortByName(ups.link.vars.values()).filter((info) => all || info.flags.rw);
  return listReply(
    [word, name],
    vars.map(
      (info) => `${word} ${name} ${info.name} ${quote(all ? servedValue(ups, info) : info.value)}`,
    ),
  );
};

export const listCmd: Handler<'LIST CMD'> = ({ ups: name }, ctx) => {
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  const cmds = [...ups.link.cmds.values()].sort(compareCi);
  return listReply(
    ['CMD', name],
    cmds.map((cmd) => `CMD ${name} ${cmd}`),
  );
};

/** LIST ENUM and LIST RANGE, in the driver's order. */
export const listChoices: Handler<'LIST ENUM' | 'LIST RANGE'> = (request, ctx) => {
  const { ups: name, name: variable } = request;
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  const info = ups.link.vars.get(variable.toLowerCase());
  if (!info) return err('VAR-NOT-SUPPORTED');
  if (request.kind === 'LIST ENUM') {
    return listReply(
      ['ENUM', name, variable],
      info.enums.map((value) => `ENUM ${name} ${variable} ${quote(value)}`),
    );
  }
  return listReply(
    ['RANGE', name, variable],
    info.ranges.map((range) => rangeItem(name, variable, range)),
  );
};

/**
 * LIST CLIENT: newest connection first; no availability check. Items name the UPS as ups.conf
 * spells it (NUT stores that at LOGIN), the header echoes the client's spelling.
 */
export const listClient: Handler<'LIST CLIENT'> = ({ ups: name }, ctx) => {
  const ups = lookupUps(ctx, name, false);
  if (typeof ups === 'string') return ups;
  const newestFirst = [...ups.logins].reverse();
  return listReply(
    ['CLIENT', name],
    newestFirst.map((client) => `CLIENT ${ups.name} ${client.address}`),
  );
};
