import type { Logger } from '@nut-ts/core';
import { PushLink, type PushedChange, type TlsOptions } from '@nut-ts/client';
import type { MonitorEntry } from '@nut-ts/config';

/** Whether a pushed change can alter what a poll of `ups.status` would see. */
function affectsStatus(change: PushedChange): boolean {
  return change.kind === 'STATE' || change.name === 'ups.status';
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
    /** A change that may alter `ups.status` of `ups` on the server at `host`:`port`. */
    private readonly onChange: (host: string, port: number, ups: string) => void,
  ) {}

  /** Makes sure `monitor`'s UPS is watched, (re)opening the server's link when needed. */
  watch(monitor: MonitorEntry): void {
    const { host, port, upsName } = monitor;
    const key = `${host}:${port}`;
    let link = this.links.get(key);
    if (!link) {
      const logger = this.logger.child({ upsd: key });
      link = new PushLink({ host, port, tls: this.tls }, logger);
      link.on('change', (change) => {
        if (affectsStatus(change)) this.onChange(host, port, change.ups);
      });
      link.on('active', () => logger.info('upsd pushes status changes: polling at once on each'));
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
