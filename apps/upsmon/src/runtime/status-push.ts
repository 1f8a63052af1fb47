import type { Logger } from '@nut-ts/core';
import { PushLink, type PushedChange, type TlsOptions } from '@nut-ts/client';
import type { MonitorEntry } from '@nut-ts/config';

/**
 * Whether a pushed change is worth polling for at once, for a UPS monitored as `role`: any
 * change of the driver's state, and of `ups.status`; but a secondary decides nothing until the
 * primary sets FSD (or HOSTSYNC runs out, which its polls measure), so for a secondary only a
 * status with FSD counts. On a site of many hosts, polling all of them at every change would
 * only crowd upsd, and the primary, at the worst moment.
 */
export function pollsFor(role: 'primary' | 'secondary', change: PushedChange): boolean {
  if (change.kind === 'NUMLOGINS') return false;
  if (change.kind === 'STATE') return true;
  if (change.name.toLowerCase() !== 'ups.status') return false;
  return role === 'primary' || change.kind === 'DELVAR' || /\bFSD\b/.test(change.value);
}

/**
 * Listens for status changes that a nut-ts upsd pushes (`NUTTS-WATCH`, docs/upsd.md), one extra
 * connection per server, no login: it never counts as a system powered by the UPS. It only
 * tells upsmon to poll now; every decision is still taken on what the poll reads. NUT's upsd
 * does not push (the link says so once and stops asking), and upsmon just polls it.
 */
export class StatusPush {
  private readonly links = new Map<string, PushLink>();

  constructor(
    private readonly tls: TlsOptions,
    private readonly logger: Logger,
    /** A change of a UPS on the server at `host`:`port`. */
    private readonly onChange: (host: string, port: number, change: PushedChange) => void,
  ) {}

  /** Makes sure `monitor`'s UPS is watched, (re)opening the server's link when needed. */
  watch(monitor: MonitorEntry): void {
    const { host, port, upsName } = monitor;
    const key = `${host}:${port}`;
    let link = this.links.get(key);
    if (!link) {
      const logger = this.logger.child({ upsd: key });
      link = new PushLink({ host, port, tls: this.tls }, logger);
      link.on('change', (change) => this.onChange(host, port, change));
      link.on('active', () =>
        logger.info('upsd pushes status changes: polling at once on those that matter'),
      );
      link.on('inactive', (reason) => logger.debug({ reason }, 'status push stopped'));
      this.links.set(key, link);
    }
    // Polling goes on regardless; the next poll tries again.
    link
      .watch([upsName])
      .catch((error: Error) =>
        this.logger.debug({ upsd: key, err: error.message }, 'cannot open the status push link'),
      );
  }

  stop(): void {
    for (const link of this.links.values()) link.stop();
    this.links.clear();
  }
}
