import { NUT_COMPAT_VERSION, NUT_PROTOCOL_VERSION } from '@nut-ts/core';
import { err, type CommandHandler } from './context.js';

/** The VER text: NUT's, naming nut-ts (a deliberate difference, see docs/upsd.md). */
export const SERVER_INFO = `Network UPS Tools upsd ${NUT_COMPAT_VERSION} (nut-ts) - http://www.networkupstools.org/`;

/** NUT 2.8.0's HELP text. */
const HELP = 'Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS';

const noArgs =
  (reply: string): CommandHandler =>
  (args) =>
    args.length > 0 ? err('INVALID-ARGUMENT') : `${reply}\n`;

export const ver = noArgs(SERVER_INFO);
export const netver = noArgs(NUT_PROTOCOL_VERSION);
export const help = noArgs(HELP);

export const starttls: CommandHandler = (_args, ctx) => {
  if (ctx.state.tls) return err('ALREADY-SSL-MODE');
  if (!ctx.tlsConfigured) return err('FEATURE-NOT-CONFIGURED');
  return { reply: 'OK STARTTLS\n', then: 'starttls' };
};
