import { join } from 'node:path';
import { NutClient, PushLink, parseUpsId, type PushedChange } from '@nut-ts/client';
import { DRIVER_TRACKING } from '@nut-ts/protocol';
import type { Driver, DriverContext } from '@nut-ts/driver-kit';

/**
 * dummy-ups repeater mode: re-exports one UPS of another upsd. While the source is
 * unreachable the data is stale; when it comes back the data is fresh again, by itself.
 * A nut-ts source also pushes its changes (`NUTTS-WATCH`), which are repeated at once; every
 * poll still reads the whole UPS, so a missed push is mended at the next one.
 */
export class RepeaterDriver implements Driver {
  private readonly client: NutClient;
  private readonly push: PushLink;
  private readonly ups: string;
  private known = new Set<string>();

  /** Throws, naming ups.conf and the port, when `port` is not `ups@host[:port]`. */
  constructor(ctx: DriverContext) {
    let id;
    try {
      id = parseUpsId(ctx.options.port ?? '');
    } catch (error) {
      const where = `${join(ctx.confDir, 'ups.conf')} [${ctx.upsName}]`;
      throw new Error(`${where}: port = ${ctx.options.port ?? ''}: ${(error as Error).message}`);
    }
    this.ups = id.ups;
    this.client = new NutClient({
      host: id.host,
      port: id.port,
      reconnect: false,
      requestTimeoutMs: 5000,
      logger: ctx.logger,
    });
    this.push = new PushLink({ host: id.host, port: id.port }, ctx.logger);
    this.push.on('change', (change) => this.pushed(change, ctx));
  }

  /** Whether the source pushes its changes (a nut-ts upsd that answered NUTTS-WATCH). */
  get pushing(): boolean {
    return this.push.active;
  }

  async init(ctx: DriverContext): Promise<void> {
    ctx.store.setInfo('driver.parameter.mode', 'repeater');
  }

  async update(ctx: DriverContext): Promise<void> {
    if (!this.client.connected) await this.client.connect();
    const vars = await this.client.listVar(this.ups);
    const seen = new Set<string>();
    for (const { name, value } of vars) {
      if (name.startsWith('driver.')) continue;
      seen.add(name);
      ctx.store.setInfo(name, value);
    }
    for (const name of this.known) if (!seen.has(name)) ctx.store.delInfo(name);
    this.known = seen;
    for (const cmd of await this.client.listCmd(this.ups)) ctx.store.addCmd(cmd);
    // Polling goes on regardless; the next poll tries again.
    this.push.watch([this.ups]).catch(() => {});
  }

  private pushed(change: PushedChange, ctx: DriverContext): void {
    // The source's active count is its own: ours counts our clients.
    if (change.kind === 'NUMLOGINS' || change.ups.toLowerCase() !== this.ups.toLowerCase()) return;
    if (change.kind === 'STATE') {
      // Stale, fresh, gone or back: read the whole UPS (a failed read makes ours stale too).
      ctx.requestUpdate?.();
    } else if (!change.name.startsWith('driver.')) {
      if (change.kind === 'VAR') {
        ctx.store.setInfo(change.name, change.value);
        this.known.add(change.name);
      } else {
        ctx.store.delInfo(change.name);
        this.known.delete(change.name);
      }
    }
  }

  async instcmd(name: string, param: string | undefined): Promise<number> {
    try {
      await this.client.instcmd(this.ups, name, param);
      return DRIVER_TRACKING.SUCCESS;
    } catch {
      return DRIVER_TRACKING.FAILED;
    }
  }

  async setvar(name: string, value: string): Promise<number> {
    try {
      await this.client.setVar(this.ups, name, value);
      return DRIVER_TRACKING.SUCCESS;
    } catch {
      return DRIVER_TRACKING.FAILED;
    }
  }

  async close(): Promise<void> {
    this.push.stop();
    await this.client.close();
  }
}
