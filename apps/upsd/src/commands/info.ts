import { NUT_COMPAT_VERSION, NUT_PROTOCOL_VERSION } from '@nut-ts/core';
import { err, type Handler } from './context.js';

/** The VER text: NUT's, naming nut-ts (a deliberate difference, see docs/upsd.md). */
export const SERVER_INFO = `Network UPS Tools upsd ${NUT_COMPAT_VERSION} (nut-ts) - http://www.networkupstools.org/`;

/** NUT 2.8.0's HELP text (it lists neither PROTVER nor PRIMARY, FSD, NETVER). */
const HELP = 'Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS';

export const ver: Handler<'VER'> = () => `${SERVER_INFO}\n`;
export const netver: Handler<'NETVER'> = () => `${NUT_PROTOCOL_VERSION}\n`;
export const help: Handler<'HELP'> = () => `${HELP}\n`;

export const starttls: Handler<'STARTTLS'> = (_request, ctx) => {
  if (ctx.state.tls) return err('ALREADY-SSL-MODE');
  if (!ctx.tlsConfigured) return err('FEATURE-NOT-CONFIGURED');
  return { reply: 'OK STARTTLS\n', then: 'starttls' };
};
