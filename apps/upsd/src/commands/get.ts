import { NUT_COMPAT_VERSION } from '@nut-ts/core';
import { NO_UPSDESC, typeReply, valueReply, wordsReply } from '@nut-ts/protocol';
import { SERVER_INFO } from './info.js';
import { err, type Handler } from './context.js';
import { lookupUps, servedValue } from './ups-access.js';

/** Variables upsd answers itself, for any UPS name, printed with these (lower-case) names. */
const SERVER_VARS = new Map([
  ['server.info', SERVER_INFO],
  ['server.version', NUT_COMPAT_VERSION],
]);

export const getNumLogins: Handler<'GET NUMLOGINS'> = ({ ups: name, word }, ctx) => {
  const ups = lookupUps(ctx, name, true);
  return typeof ups === 'string' ? ups : wordsReply([word, name, String(ups.numLogins)]);
};

export const getUpsDesc: Handler<'GET UPSDESC'> = ({ ups: name }, ctx) => {
  const ups = lookupUps(ctx, name, false);
  return typeof ups === 'string' ? ups : valueReply(['UPSDESC', name], ups.desc ?? NO_UPSDESC);
};

export const getVar: Handler<'GET VAR'> = ({ ups: name, name: variable }, ctx) => {
  const lower = variable.toLowerCase();
  const own = SERVER_VARS.get(lower);
  if (own !== undefined) return valueReply(['VAR', name, lower], own);
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  const info = ups.link.vars.get(lower);
  if (!info || lower.startsWith('server.')) return err('VAR-NOT-SUPPORTED');
  return valueReply(['VAR', name, variable], servedValue(ups, info));
};

export const getType: Handler<'GET TYPE'> = ({ ups: name, name: variable }, ctx) => {
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  const info = ups.link.vars.get(variable.toLowerCase());
  return info ? typeReply(name, variable, info) : err('VAR-NOT-SUPPORTED');
};

/** GET DESC: the variable need not exist (NUT answers the fallback text). */
export const getDesc: Handler<'GET DESC'> = ({ ups: name, name: variable }, ctx) => {
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  return valueReply(['DESC', name, variable], ctx.descriptions.variable(variable));
};

export const getCmdDesc: Handler<'GET CMDDESC'> = ({ ups: name, cmd }, ctx) => {
  const ups = lookupUps(ctx, name, true);
  if (typeof ups === 'string') return ups;
  return valueReply(['CMDDESC', name, cmd], ctx.descriptions.command(cmd));
};

export const getTracking: Handler<'GET TRACKING'> = ({ id }, ctx) => {
  if (id === undefined) return ctx.state.tracking ? 'ON\n' : 'OFF\n';
  if (!ctx.state.tracking) return err('FEATURE-NOT-CONFIGURED');
  return `${ctx.tracking.get(id)}\n`;
};
