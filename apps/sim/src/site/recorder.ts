import { NutClient, PushLink } from '@nut-ts/client';
import type { Timeline } from './timeline.js';
import type { MarkerReader } from './marker-reader.js';

/**
 * Watches upsd like an operator would: polls ups.status, GET NUMLOGINS and LIST CLIENT over its
 * own connection (which never LOGINs, so it is not counted) and records every change. A status
 * or active-count change that upsd pushes (`NUTTS-WATCH`) is polled at once, so those lines
 * carry the moment of the change rather than of the next poll.
 */
export class Recorder {
  private client: NutClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private last = { status: '', count: -1, clients: '' };
  private polling = false;
  /** A push arrived during a poll: poll again as soon as it ends. */
  private again = false;
  private stopped = false;
  private readonly push: PushLink;

  constructor(
    private readonly options: { port: number; ups: string; intervalMs: number },
    private readonly timeline: Timeline,
    private readonly markers: MarkerReader,
  ) {
    this.push = new PushLink({ host: '127.0.0.1', port: options.port });
    this.push.on('change', (change) => {
      if (change.kind === 'STATE' || change.kind === 'NUMLOGINS' || change.name === 'ups.status')
        this.pollNow();
    });
  }

  start(): void {
    this.schedule();
  }

  /** Polls once now (also used to take a final reading). */
  async pollOnce(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.markers.poll();
      const client = await this.connection();
      const { ups } = this.options;
      const status = await client.getVar(ups, 'ups.status').catch((e: Error) => `(${e.message})`);
      const count = await client.getNumLogins(ups).catch(() => -1);
      const clients = (await client.listClient(ups).catch(() => [] as string[])).join(', ');
      this.record(status, count, clients);
      this.push.watch([ups]).catch(() => {});
    } catch (error) {
      this.client?.close().catch(() => {});
      this.client = undefined;
      this.record(`(upsd unreachable: ${(error as Error).message})`, -1, '');
    } finally {
      this.polling = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.push.stop();
    await this.markers.poll();
    await this.client?.close().catch(() => {});
  }

  private schedule(delayMs = this.options.intervalMs): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.pollOnce().finally(() => {
        const again = this.again;
        this.again = false;
        this.schedule(again ? 0 : this.options.intervalMs);
      });
    }, delayMs);
  }

  private pollNow(): void {
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  private async connection(): Promise<NutClient> {
    if (this.client) return this.client;
    const client = new NutClient({
      host: '127.0.0.1',
      port: this.options.port,
      connectTimeoutMs: 2000,
      requestTimeoutMs: 2000,
      reconnect: false,
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private record(status: string, count: number, clients: string): void {
    const at = Date.now();
    if (status !== this.last.status) {
      this.timeline.add({ at, kind: 'status', detail: `ups.status ${status}` });
    }
    if (count !== this.last.count && count >= 0) {
      this.timeline.add({ at, kind: 'count', detail: `active count ${count}`, count });
    }
    if (clients !== this.last.clients) {
      this.timeline.add({ at, kind: 'clients', detail: `clients [${clients}]` });
    }
    this.last = { status, count, clients };
  }
}
