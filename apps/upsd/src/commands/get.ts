import { NUT_COMPAT_VERSION } from '@nut-ts/core';
import { SERVER_INFO } from './info.js';
import { err, type CommandContext, type CommandHandler } from './context.js';
import { lookupUps, quote, servedValue } from './ups-access.js';

type GetHandler = (args: string[], ctx: CommandContext) => string;

function withUps(
  available: boolean,
  fn: (
    ups: NonNullable<ReturnType<CommandContext['registry']['find']>>,
    args: string[],
    ctx: CommandContext,
  ) => string,
): GetHandler {
  return (args, ctx) => {
    const ups = lookupUps(ctx, args[0]!, available);
    return typeof ups === 'string' ? ups : fn(ups, args, ctx);
  };
}

/** Minimum argument count and handler of each GET sub-command. */
const SUBCOMMANDS: Record<string, [number, GetHandler]> = {
  NUMLOGINS: [1, withUps(true, (ups, [name]) => `NUMLOGINS ${name} ${ups.numLogins}\n`)],
  NUMATTACH: [1, withUps(true, (ups, [name]) => `NUMATTACH ${name} ${ups.numLogins}\n`)],
  UPSDESC: [
    1,
    withUps(false, (ups, [name]) => `UPSDESC ${name} ${quote(ups.desc ?? 'Unavailable')}\n`),
  ],
  VAR: [2, getVar],
  TYPE: [
    2,
    withUps(true, (ups, [name, variable]) => {
      const info = ups.link.vars.get(variable!.toLowerCase());
      if (!info) return err('VAR-NOT-SUPPORTED');
      const flags = [
        ...(info.flags.rw ? ['RW'] : []),
        ...(info.enums.length > 0 ? ['ENUM'] : []),
        ...(info.ranges.length > 0 ? ['RANGE'] : []),
        info.flags.string ? `STRING:${info.aux}` : 'NUMBER',
      ];
      return `TYPE ${name} ${variable} ${flags.join(' ')}\n`;
    }),
  ],
  DESC: [
    2,
    withUps(
      true,
      (_ups, [name, variable], ctx) =>
        `DESC ${name} ${variable} ${quote(ctx.descriptions.variable(variable!))}\n`,
    ),
  ],
  CMDDESC: [
    2,
    withUps(
      true,
      (_ups, [name, cmd], ctx) =>
        `CMDDESC ${name} ${cmd} ${quote(ctx.descriptions.command(cmd!))}\n`,
    ),
  ],
};

function getVar(args: string[], ctx: CommandContext): string {
  const [name, variable] = args as [string, string];
  const lower = variable.toLowerCase();
  // upsd answers these itself, for any UPS name, without checking it.
  if (lower === 'server.info') return `VAR ${name} ${variable} ${quote(SERVER_INFO)}\n`;
  if (lower === 'server.version') return `VAR ${name} ${variable} ${quote(NUT_COMPAT_VERSION)}\n`;
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  const info = ups.link.vars.get(lower);
  if (!info || lower.startsWith('server.')) return err('VAR-NOT-SUPPORTED');
  return `VAR ${name} ${variable} ${quote(servedValue(ups, info))}\n`;
}

function tracking(args: string[], ctx: CommandContext): string {
  if (args.length === 0) return ctx.state.tracking ? 'ON\n' : 'OFF\n';
  if (!ctx.state.tracking) return err('FEATURE-NOT-CONFIGURED');
  return `${ctx.tracking.get(args[0]!)}\n`;
}

export const get: CommandHandler = (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub === undefined) return err('INVALID-ARGUMENT');
  if (sub.toUpperCase() === 'TRACKING') return tracking(rest, ctx);
  const entry = SUBCOMMANDS[sub.toUpperCase()];
  if (!entry || rest.length < entry[0]) return err('INVALID-ARGUMENT');
  return entry[1](rest, ctx);
};
