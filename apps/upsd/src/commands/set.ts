import { encodeArg, quote } from '@nut-ts/protocol';
import { allowed } from './login.js';
import { err, type Handler } from './context.js';
import { lookupUps } from './ups-access.js';

/** NUT's atoi: the leading integer of the text, 0 when there is none. */
function atoi(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text);
  return match ? Number.parseInt(match[1]!, 10) : 0;
}

export const setTracking: Handler<'SET TRACKING'> = (request, ctx) => {
  ctx.state.tracking = request.on;
  return 'OK\n';
};

/** SET VAR with NUT's order of checks (netset.c). */
export const setVar: Handler<'SET VAR'> = ({ ups: name, name: variable, value }, ctx) => {
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
};

/** INSTCMD: command existence is checked before the user's right, as in NUT. */
export const instcmd: Handler<'INSTCMD'> = ({ ups: name, cmd, param }, ctx) => {
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
