import { encodeArg } from '@nut-ts/protocol';
import { allowed } from './login.js';
import { err, type CommandContext, type CommandHandler } from './context.js';
import { lookupUps, quote } from './ups-access.js';

function setTracking(args: string[], ctx: CommandContext): string {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  const word = args[0]!.toUpperCase();
  if (word !== 'ON' && word !== 'OFF') return err('INVALID-ARGUMENT');
  ctx.state.tracking = word === 'ON';
  return 'OK\n';
}

/** NUT's atoi: the leading integer of the text, 0 when there is none. */
function atoi(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text);
  return match ? Number.parseInt(match[1]!, 10) : 0;
}

/** SET VAR with NUT's order of checks (netset.c). */
function setVar(args: string[], ctx: CommandContext): string {
  if (args.length !== 3) return err('INVALID-ARGUMENT');
  const [name, variable, value] = args as [string, string, string];
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  if (!allowed(ctx, 'SET')) return err('ACCESS-DENIED');
  const info = ups.link.vars.get(variable.toLowerCase());
  if (!info) return err('VAR-NOT-SUPPORTED');
  if (!info.flags.rw) return err('READONLY');
  if (info.flags.string) {
    if (info.aux < 1) return err('SET-FAILED');
    if (value.length > info.aux) return err('TOO-LONG');
  }
  if (info.enums.length > 0 && !info.enums.includes(value)) return err('INVALID-VALUE');
  if (info.ranges.length > 0) {
    const number = atoi(value);
    if (!info.ranges.some((r) => number >= r.min && number <= r.max)) return err('INVALID-VALUE');
  }
  const id = ctx.state.tracking ? ctx.tracking.create() : undefined;
  const line = `SET ${info.name} ${quote(value)}${id ? ` TRACKING ${id}` : ''}\n`;
  if (!ups.link.send(line)) return err('SET-FAILED');
  ctx.logger.info(
    { user: ctx.state.username, ups: ups.name, variable: info.name, value, tracking: id },
    'set variable',
  );
  return id ? `OK TRACKING ${id}\n` : 'OK\n';
}

export const set: CommandHandler = (args, ctx) => {
  const [sub, ...rest] = args;
  switch (sub?.toUpperCase()) {
    case 'VAR':
      return setVar(rest, ctx);
    case 'TRACKING':
      return setTracking(rest, ctx);
    default:
      return err('INVALID-ARGUMENT');
  }
};

/** INSTCMD: command existence is checked before the user's right, as in NUT. */
export const instcmd: CommandHandler = (args, ctx) => {
  if (args.length < 2 || args.length > 3) return err('INVALID-ARGUMENT');
  const [name, cmd, param] = args as [string, string, string | undefined];
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  const known = ups.link.cmds.get(cmd.toLowerCase());
  if (!known) return err('CMD-NOT-SUPPORTED');
  if (!allowed(ctx, { instcmd: cmd })) return err('ACCESS-DENIED');
  const id = ctx.state.tracking ? ctx.tracking.create() : undefined;
  const line = `INSTCMD ${known}${param === undefined ? '' : ` ${encodeArg(param)}`}${id ? ` TRACKING ${id}` : ''}\n`;
  if (!ups.link.send(line)) return err('INSTCMD-FAILED');
  ctx.logger.info(
    { user: ctx.state.username, ups: ups.name, command: known, tracking: id },
    'instant command',
  );
  return id ? `OK TRACKING ${id}\n` : 'OK\n';
};
