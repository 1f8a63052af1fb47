import { err, type CommandContext, type CommandHandler } from './context.js';
import { compareCi, listBlock, lookupUps, quote, servedValue, sortedVars } from './ups-access.js';

type ListHandler = (args: string[], ctx: CommandContext) => string;

function listUps(_args: string[], ctx: CommandContext): string {
  const items = ctx.registry.all.map(
    (ups) => `UPS ${ups.name} ${quote(ups.desc ?? 'Description unavailable')}`,
  );
  return listBlock('UPS', items);
}

function listVars(kind: 'VAR' | 'RW'): ListHandler {
  return ([name], ctx) => {
    const ups = lookupUps(ctx, name!, true);
    if (typeof ups === 'string') return ups;
    const vars = sortedVars(ups).filter((info) => kind === 'VAR' || info.flags.rw);
    return listBlock(
      `${kind} ${name}`,
      vars.map((info) => `${kind} ${name} ${info.name} ${quote(servedValue(ups, info))}`),
    );
  };
}

function listCmd([name]: string[], ctx: CommandContext): string {
  const ups = lookupUps(ctx, name!, true);
  if (typeof ups === 'string') return ups;
  const cmds = [...ups.link.cmds.values()].sort(compareCi);
  return listBlock(
    `CMD ${name}`,
    cmds.map((cmd) => `CMD ${name} ${cmd}`),
  );
}

function listChoices(kind: 'ENUM' | 'RANGE'): ListHandler {
  return ([name, variable], ctx) => {
    const ups = lookupUps(ctx, name!, true);
    if (typeof ups === 'string') return ups;
    const info = ups.link.vars.get(variable!.toLowerCase());
    if (!info) return err('VAR-NOT-SUPPORTED');
    const items =
      kind === 'ENUM'
        ? info.enums.map((value) => `ENUM ${name} ${variable} ${quote(value)}`)
        : info.ranges.map(
            (r) => `RANGE ${name} ${variable} ${quote(String(r.min))} ${quote(String(r.max))}`,
          );
    return listBlock(`${kind} ${name} ${variable}`, items);
  };
}

function listClient([name]: string[], ctx: CommandContext): string {
  const ups = lookupUps(ctx, name!, false);
  if (typeof ups === 'string') return ups;
  const newestFirst = [...ups.logins].reverse();
  return listBlock(
    `CLIENT ${name}`,
    newestFirst.map((client) => `CLIENT ${name} ${client.address}`),
  );
}

const SUBCOMMANDS: Record<string, [number, ListHandler]> = {
  UPS: [0, listUps],
  VAR: [1, listVars('VAR')],
  RW: [1, listVars('RW')],
  CMD: [1, listCmd],
  ENUM: [2, listChoices('ENUM')],
  RANGE: [2, listChoices('RANGE')],
  CLIENT: [1, listClient],
};

export const list: CommandHandler = (args, ctx) => {
  const [sub, ...rest] = args;
  const entry = sub === undefined ? undefined : SUBCOMMANDS[sub.toUpperCase()];
  if (!entry || rest.length < entry[0]) return err('INVALID-ARGUMENT');
  return entry[1](rest, ctx);
};
