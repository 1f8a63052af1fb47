import { EventEmitter } from 'node:events';

/** What happened on the site. */
export type TimelineKind =
  | 'site' // the harness did something (started a program, cut the power)
  | 'status' // ups.status as upsd serves it changed
  | 'count' // GET NUMLOGINS changed (the active count)
  | 'clients' // LIST CLIENT changed
  | 'notify' // a host's upsmon ran NOTIFYCMD
  | 'shutdown' // a host's upsmon ran SHUTDOWNCMD
  | 'exit' // a host's upsmon process ended
  | 'error';

export interface TimelineEvent {
  /** Milliseconds since the epoch. */
  at: number;
  kind: TimelineKind;
  /** The host (upsmon instance) the event belongs to, if any. */
  host?: string;
  detail: string;
  /** The new active count for `count` events. */
  count?: number;
}

/** An append-only, time-ordered record of the site, emitting `event` for each addition. */
export class Timeline extends EventEmitter<{ event: [TimelineEvent] }> {
  readonly events: TimelineEvent[] = [];
  readonly startedAt = Date.now();

  add(event: TimelineEvent): void {
    let at = this.events.length;
    while (at > 0 && this.events[at - 1]!.at > event.at) at--;
    this.events.splice(at, 0, event);
    this.emit('event', event);
  }

  /** Events of one kind (and host, if given), in time order. */
  filter(kind: TimelineKind, host?: string): TimelineEvent[] {
    return this.events.filter((e) => e.kind === kind && (host === undefined || e.host === host));
  }

  /** One line: seconds since the start, kind, host and detail. */
  format(event: TimelineEvent): string {
    const seconds = ((event.at - this.startedAt) / 1000).toFixed(3).padStart(8);
    const host = event.host ? `${event.host}: ` : '';
    return `${seconds}s  ${event.kind.padEnd(8)} ${host}${event.detail}`;
  }

  toText(): string {
    return this.events.map((event) => this.format(event)).join('\n');
  }
}
