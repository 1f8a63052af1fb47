import { authorize, type Right } from '../auth.js';
import { err, type CommandContext, type Handler } from './context.js';

export const username: Handler<'USERNAME'> = (request, ctx) => {
  if (ctx.state.username !== undefined) return err('ALREADY-SET-USERNAME');
  ctx.state.username = request.username;
  return 'OK\n';
};

export const password: Handler<'PASSWORD'> = (request, ctx) => {
  if (ctx.state.password !== undefined) return err('ALREADY-SET-PASSWORD');
  ctx.state.password = request.password;
  return 'OK\n';
};

/**
 * Checks the session's credentials for `right`. Repeated bad passwords for one user name from
 * one address are throttled; keyed by both so a misconfigured host cannot lock out the
 * primary's upsmon on the same address.
 */
export function allowed(ctx: CommandContext, right: Right): boolean {
  const key = `${ctx.client.address} ${ctx.state.username ?? ''}`;
  if (ctx.throttle.blocked(key)) return false;
  const result = authorize(ctx.users, ctx.state.username ?? '', ctx.state.password ?? '', right);
  // Only a wrong password or unknown user counts as a guess, not a missing right.
  if (result === 'bad-credentials') ctx.throttle.fail(key);
  return result === 'granted';
}

/** LOGIN (and RFC 9271's ATTACH): this connection now counts in the UPS's active count. */
export const login: Handler<'LOGIN'> = (request, ctx) => {
  if (ctx.state.loginUps) return err('ALREADY-LOGGED-IN');
  const ups = ctx.registry.find(request.ups);
  if (!ups) return err('UNKNOWN-UPS');
  if (!allowed(ctx, 'LOGIN')) {
    ctx.logger.warn({ user: ctx.state.username, ups: ups.name }, 'LOGIN refused');
    return err('ACCESS-DENIED');
  }
  ctx.state.loginUps = ups;
  ups.login(ctx.client);
  ctx.logger.info(
    { user: ctx.state.username, ups: ups.name, count: ups.numLogins },
    'client logged in',
  );
  return 'OK\n';
};

/** LOGOUT (and DETACH): answered, then the connection is closed (which ends the login). */
export const logout: Handler<'LOGOUT'> = () => ({ reply: 'OK Goodbye\n', then: 'close' });

/** PRIMARY / MASTER only check the right; they change nothing (as in NUT). */
export const primary: Handler<'PRIMARY'> = (request, ctx) => {
  if (!ctx.registry.find(request.ups)) return err('UNKNOWN-UPS');
  if (!allowed(ctx, 'PRIMARY')) return err('ACCESS-DENIED');
  return `OK ${request.word}-GRANTED\n`;
};

/** FSD sets the UPS's latch; it does not check that the driver is there (as in NUT). */
export const fsd: Handler<'FSD'> = (request, ctx) => {
  const ups = ctx.registry.find(request.ups);
  if (!ups) return err('UNKNOWN-UPS');
  if (!allowed(ctx, 'FSD')) return err('ACCESS-DENIED');
  ups.fsd = true;
  ctx.logger.warn({ user: ctx.state.username, ups: ups.name }, 'forced shutdown (FSD) set');
  return 'OK FSD-SET\n';
};
