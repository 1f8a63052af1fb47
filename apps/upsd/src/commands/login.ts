import { authorize } from '../auth.js';
import { err, type CommandContext, type CommandHandler } from './context.js';

export const username: CommandHandler = (args, ctx) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  if (ctx.state.username !== undefined) return err('ALREADY-SET-USERNAME');
  ctx.state.username = args[0]!;
  return 'OK\n';
};

export const password: CommandHandler = (args, ctx) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  if (ctx.state.password !== undefined) return err('ALREADY-SET-PASSWORD');
  ctx.state.password = args[0]!;
  return 'OK\n';
};

/**
 * Checks the session's credentials for `right`. Repeated bad passwords for one user name from
 * one address are throttled; keyed by both so a misconfigured host cannot lock out the
 * primary's upsmon on the same address.
 */
function allowed(ctx: CommandContext, right: Parameters<typeof authorize>[3]): boolean {
  const key = `${ctx.client.address} ${ctx.state.username ?? ''}`;
  if (ctx.throttle.blocked(key)) return false;
  const result = authorize(ctx.users, ctx.state.username ?? '', ctx.state.password ?? '', right);
  // Only a wrong password or unknown user counts as a guess, not a missing right.
  if (result === 'bad-credentials') ctx.throttle.fail(key);
  return result === 'granted';
}

/** LOGIN (and RFC 9271's ATTACH): this connection now counts in the UPS's active count. */
export const login: CommandHandler = (args, ctx) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  if (ctx.state.loginUps) return err('ALREADY-LOGGED-IN');
  const ups = ctx.registry.find(args[0]!);
  if (!ups) return err('UNKNOWN-UPS');
  if (!allowed(ctx, 'LOGIN')) {
    ctx.logger.warn({ user: ctx.state.username, ups: ups.name }, 'LOGIN refused');
    return err('ACCESS-DENIED');
  }
  ctx.state.loginUps = ups;
  ups.logins.push(ctx.client);
  ctx.logger.info(
    { user: ctx.state.username, ups: ups.name, count: ups.numLogins },
    'client logged in',
  );
  return 'OK\n';
};

/** LOGOUT (and DETACH): answered, then the connection is closed (which ends the login). */
export const logout: CommandHandler = (args) => {
  if (args.length > 0) return err('INVALID-ARGUMENT');
  return { reply: 'OK Goodbye\n', then: 'close' };
};

/** PRIMARY / MASTER only check the right; they change nothing (as in NUT). */
export function primary(word: 'PRIMARY' | 'MASTER'): CommandHandler {
  return (args, ctx) => {
    if (args.length !== 1) return err('INVALID-ARGUMENT');
    if (!ctx.registry.find(args[0]!)) return err('UNKNOWN-UPS');
    if (!allowed(ctx, 'PRIMARY')) return err('ACCESS-DENIED');
    return `OK ${word}-GRANTED\n`;
  };
}

export const fsd: CommandHandler = (args, ctx) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  const ups = ctx.registry.find(args[0]!);
  if (!ups) return err('UNKNOWN-UPS');
  if (!allowed(ctx, 'FSD')) return err('ACCESS-DENIED');
  ups.fsd = true;
  ctx.logger.warn({ user: ctx.state.username, ups: ups.name }, 'forced shutdown (FSD) set');
  return 'OK FSD-SET\n';
};

export { allowed };
