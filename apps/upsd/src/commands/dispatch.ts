import { help, netver, starttls, ver } from './info.js';
import { fsd, login, logout, password, primary, username } from './login.js';
import { get } from './get.js';
import { list } from './list.js';
import { instcmd, set } from './set.js';
import { err, type CommandContext, type CommandHandler, type CommandResult } from './context.js';

interface Command {
  handler: CommandHandler;
  /** Needs USERNAME and PASSWORD before anything else is checked (NUT's "needs user" flag). */
  needsUser: boolean;
}

const open = (handler: CommandHandler): Command => ({ handler, needsUser: false });
const privileged = (handler: CommandHandler): Command => ({ handler, needsUser: true });

/** The command table; ATTACH, DETACH (and GET NUMATTACH) are RFC 9271's names. */
const COMMANDS: Record<string, Command> = {
  VER: open(ver),
  NETVER: open(netver),
  PROTVER: open(netver),
  HELP: open(help),
  STARTTLS: open(starttls),
  GET: open(get),
  LIST: open(list),
  USERNAME: open(username),
  PASSWORD: open(password),
  LOGOUT: open(logout),
  DETACH: open(logout),
  LOGIN: privileged(login),
  ATTACH: privileged(login),
  PRIMARY: privileged(primary('PRIMARY')),
  MASTER: privileged(primary('MASTER')),
  FSD: privileged(fsd),
  SET: privileged(set),
  INSTCMD: privileged(instcmd),
};

/** What a client may send before STARTTLS when TLS is required (RFC 9271 §6.2). */
const BEFORE_TLS = new Set(['STARTTLS', 'VER', 'NETVER', 'PROTVER', 'HELP', 'LOGOUT', 'DETACH']);

/** Runs one request line (already tokenized) and returns what to send. */
export function dispatch(words: string[], ctx: CommandContext): CommandResult {
  const [name, ...args] = words;
  const command = name === undefined ? undefined : COMMANDS[name.toUpperCase()];
  if (!command) return err('UNKNOWN-COMMAND');
  if (
    !ctx.state.tls &&
    !BEFORE_TLS.has(name!.toUpperCase()) &&
    ctx.tlsRequired(ctx.client.address)
  ) {
    return err('TLS-NOT-ENABLED');
  }
  if (command.needsUser) {
    if (ctx.state.username === undefined) return err('USERNAME-REQUIRED');
    if (ctx.state.password === undefined) return err('PASSWORD-REQUIRED');
  }
  return command.handler(args, ctx);
}
