import { valueReply, wordsReply } from '@nut-ts/protocol';
import type { ClientRef, UpsEntry } from '../ups-registry.js';
import type { DriverLinkEvents } from '../driver-link.js';
import { err, type CommandContext, type CommandResult } from './context.js';
import { lookupUps, servedValue } from './ups-access.js';

/**
 * nut-ts's push extension (not part of NUT): `NUTTS-WATCH <ups>` makes upsd send a
 * `NUTTS-CHANGE` line on this connection whenever that UPS's data changes, and
 * `NUTTS-UNWATCH <ups>` stops it. NUT's upsd answers both with `ERR UNKNOWN-COMMAND`, which is
 * how a client tells the two apart; NUT's clients never send them, so nothing changes for them.
 *
 * Change lines (one per change, after the `OK` of the request):
 * - `NUTTS-CHANGE VAR <ups> <name> "<value>"` — a variable was set (as GET VAR would serve it)
 * - `NUTTS-CHANGE DELVAR <ups> <name>` — a variable went away
 * - `NUTTS-CHANGE STATE <ups> connected|disconnected|stale|fresh` — the driver link changed;
 *   the data may be gone or back, so read the UPS again
 * - `NUTTS-CHANGE NUMLOGINS <ups> <count>` — the active count changed (a LOGIN, or a logged-in
 *   connection ended)
 */
export const WATCH_COMMAND = 'NUTTS-WATCH';
export const UNWATCH_COMMAND = 'NUTTS-UNWATCH';
export const CHANGE_WORD = 'NUTTS-CHANGE';

/** A connection that can be written to unprompted and tells when it ends (a Session). */
export interface PushTarget extends ClientRef {
  push(text: string): void;
  onEnd(listener: () => void): void;
}

interface Watch {
  ups: UpsEntry;
  stop: () => void;
}

/** Each connection's watches, by lower-cased UPS name. */
const watchesOf = new WeakMap<ClientRef, Map<string, Watch>>();

const isPushTarget = (client: ClientRef): client is PushTarget =>
  typeof (client as Partial<PushTarget>).push === 'function' &&
  typeof (client as Partial<PushTarget>).onEnd === 'function';

/** Whether `word` is one of this extension's request words (compared case-insensitively). */
export function isWatchCommand(word: string | undefined): boolean {
  // Checked on every request: compare lengths before upper-casing.
  if (word?.length !== WATCH_COMMAND.length && word?.length !== UNWATCH_COMMAND.length)
    return false;
  const upper = word.toUpperCase();
  return upper === WATCH_COMMAND || upper === UNWATCH_COMMAND;
}

/** The change lines for `names` (lower-cased) of `ups`, as one string. */
export function changeLines(ups: UpsEntry, names: readonly string[]): string {
  let text = '';
  for (const name of names) {
    const info = ups.link.vars.get(name);
    text += info
      ? `${CHANGE_WORD} ${valueReply(['VAR', ups.name, info.name], servedValue(ups, info))}`
      : `${CHANGE_WORD} ${wordsReply(['DELVAR', ups.name, name])}`;
  }
  return text;
}

function subscribe(client: PushTarget, ups: UpsEntry): Watch {
  const onChanged = (names: string[]) => client.push(changeLines(ups, names));
  const onState = (state: DriverLinkEvents['state'][0]) =>
    client.push(`${CHANGE_WORD} ${wordsReply(['STATE', ups.name, state])}`);
  const link = ups.link;
  // One listener pair per watching connection; thousands of watchers are expected.
  link.setMaxListeners(0);
  link.on('changed', onChanged);
  link.on('state', onState);
  const stopCount = ups.onCountChange((count) =>
    client.push(`${CHANGE_WORD} ${wordsReply(['NUMLOGINS', ups.name, String(count)])}`),
  );
  return {
    ups,
    stop: () => {
      link.off('changed', onChanged);
      link.off('state', onState);
      stopCount();
    },
  };
}

/** NUTTS-WATCH / NUTTS-UNWATCH `<ups>`; `words[0]` must satisfy {@link isWatchCommand}. */
export function watchCommand(words: readonly string[], ctx: CommandContext): CommandResult {
  if (!ctx.state.tls && ctx.tlsRequired(ctx.client.address)) return err('TLS-NOT-ENABLED');
  const command = words[0]!.toUpperCase();
  if (words.length !== 2) return err('INVALID-ARGUMENT');
  const client = ctx.client;
  if (!isPushTarget(client)) return err('FEATURE-NOT-SUPPORTED');
  const found = lookupUps(ctx, words[1]!, false);
  if (typeof found === 'string') return found;
  const key = found.name.toLowerCase();
  let watches = watchesOf.get(client);
  const current = watches?.get(key);
  if (command === UNWATCH_COMMAND) {
    current?.stop();
    watches?.delete(key);
    return wordsReply(['OK', UNWATCH_COMMAND, found.name]);
  }
  // Watching again after a reload replaced the UPS's driver moves the watch to the new link.
  if (current?.ups !== found) {
    current?.stop();
    if (!watches) {
      const created = new Map<string, Watch>();
      watchesOf.set(client, created);
      client.onEnd(() => {
        for (const watch of created.values()) watch.stop();
        created.clear();
      });
      watches = created;
    }
    watches.set(key, subscribe(client, found));
  }
  return wordsReply(['OK', WATCH_COMMAND, found.name]);
}

/** After FSD: the served `ups.status` gained its `FSD ` prefix, so watchers hear of it. */
export function announceFsd(ctx: CommandContext, name: string): void {
  const link = ctx.registry.find(name)?.link;
  if (link?.vars.has('ups.status')) link.emit('changed', ['ups.status']);
}
