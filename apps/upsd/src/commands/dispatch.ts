import { decodeRequest, type NetRequest } from '@nut-ts/protocol';
import { help, netver, starttls, ver } from './info.js';
import { fsd, login, logout, password, primary, username } from './login.js';
import {
  getCmdDesc,
  getDesc,
  getNumLogins,
  getTracking,
  getType,
  getUpsDesc,
  getVar,
} from './get.js';
import { listChoices, listClient, listCmd, listUps, listVars } from './list.js';
import { instcmd, setTracking, setVar } from './set.js';
import { announceFsd, isWatchCommand, watchCommand } from './watch.js';
import { err, type CommandContext, type CommandResult, type Handler } from './context.js';

// Spelled out rather than Handler<K>: shared handlers (LIST VAR and RW...) must type-check per kind.
const HANDLERS: {
  [K in NetRequest['kind']]: (
    request: Extract<NetRequest, { kind: K }>,
    ctx: CommandContext,
  ) => CommandResult;
} = {
  VER: ver,
  NETVER: netver,
  HELP: help,
  STARTTLS: starttls,
  USERNAME: username,
  PASSWORD: password,
  LOGIN: login,
  LOGOUT: logout,
  PRIMARY: primary,
  FSD: fsd,
  'GET NUMLOGINS': getNumLogins,
  'GET UPSDESC': getUpsDesc,
  'GET VAR': getVar,
  'GET TYPE': getType,
  'GET DESC': getDesc,
  'GET CMDDESC': getCmdDesc,
  'GET TRACKING': getTracking,
  'LIST UPS': listUps,
  'LIST VAR': listVars,
  'LIST RW': listVars,
  'LIST CMD': listCmd,
  'LIST CLIENT': listClient,
  'LIST ENUM': listChoices,
  'LIST RANGE': listChoices,
  'SET VAR': setVar,
  'SET TRACKING': setTracking,
  INSTCMD: instcmd,
};

/** What a client may send before STARTTLS when TLS is required (RFC 9271 §6.2). */
const BEFORE_TLS = new Set(['STARTTLS', 'VER', 'NETVER', 'PROTVER', 'HELP', 'LOGOUT', 'DETACH']);

/**
 * Runs one request line (already tokenized) and returns what to send, checking in NUT's order:
 * the command word, then (for privileged commands) USERNAME and PASSWORD, then the arguments'
 * shape, then whatever the command itself checks.
 */
export function dispatch(words: string[], ctx: CommandContext): CommandResult {
  if (isWatchCommand(words[0])) return watchCommand(words, ctx);
  const decoded = decodeRequest(words);
  if (decoded.command === undefined) return err('UNKNOWN-COMMAND');
  if (!ctx.state.tls && !BEFORE_TLS.has(decoded.command) && ctx.tlsRequired(ctx.client.address)) {
    return err('TLS-NOT-ENABLED');
  }
  if (decoded.needsUser) {
    if (ctx.state.username === undefined) return err('USERNAME-REQUIRED');
    if (ctx.state.password === undefined) return err('PASSWORD-REQUIRED');
  }
  if (!decoded.ok) return err(decoded.error);
  const handler = HANDLERS[decoded.request.kind] as Handler<NetRequest['kind']>;
  const result = handler(decoded.request, ctx);
  if (decoded.request.kind === 'FSD' && result === 'OK FSD-SET\n')
    announceFsd(ctx, decoded.request.ups);
  return result;
}
