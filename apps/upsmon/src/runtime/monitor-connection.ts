import { NutError } from '@nut-ts/core';
import { NutClient, type TlsOptions } from '@nut-ts/client';
import type { Logger } from '@nut-ts/core';
import type { MonitorEntry } from '@nut-ts/config';
import type { MachineEvent } from '../state-machine/types.js';

/**
 * upsmon's session for one MONITOR line: connects (STARTTLS as configured), logs in (and
 * claims PRIMARY), polls ups.status, and reconnects on the next poll after any failure.
 * Every request has a timeout, so a hung upsd never stalls a decision.
 */
export class MonitorConnection {
  private client: NutClient | undefined;
  private loggedIn = false;

  constructor(
    /** Replaced on reload when only the power value changed. */
    public monitor: MonitorEntry,
    private readonly options: {
      requestTimeoutMs: number;
      tls: TlsOptions;
      /** Already bound to the UPS (`{ ups: system }`): lines logged here do not repeat it. */
      logger: Logger;
    },
  ) {}

  /** One poll: the events for the state machine (a refused LOGIN and the poll result). */
  async poll(now: () => number): Promise<MachineEvent[]> {
    const events: MachineEvent[] = [];
    const { system, upsName } = this.monitor;
    try {
      const client = await this.connection();
      if (!this.loggedIn) {
        try {
          await client.login(upsName);
          if (this.monitor.role === 'primary') await client.primary(upsName);
          this.loggedIn = true;
          this.options.logger.info('logged in');
        } catch (error) {
          if (!(error instanceof NutError)) throw error;
          if (error.code === 'ALREADY-LOGGED-IN') this.loggedIn = true;
          else events.push({ type: 'login-failed', system, reason: error.code, at: now() });
        }
      }
      const status = await client.getVar(upsName, 'ups.status');
      if (status === '' || status === 'WAIT') {
        // upsd is up but has no data from the driver yet: the session is fine, keep it.
        events.push({
          type: 'poll-failed',
          system,
          reason: `status ${status || 'empty'}`,
          at: now(),
        });
        return events;
      }
      const alarm = status.includes('ALARM')
        ? await client.getVar(upsName, 'ups.alarm').catch(() => undefined)
        : undefined;
      events.push({
        type: 'poll-ok',
        system,
        status,
        ...(alarm !== undefined && { alarm }),
        at: now(),
      });
    } catch (error) {
      // An ERR reply (DATA-STALE, DRIVER-NOT-CONNECTED...) leaves a working session; anything
      // else (timeout, closed socket) gets a fresh connection and LOGIN on the next poll.
      const reason = error instanceof NutError ? error.code : (error as Error).message;
      if (!(error instanceof NutError)) this.drop();
      events.push({ type: 'poll-failed', system, reason, at: now() });
    }
    return events;
  }

  /**
   * The active count. NUT counts a failed GET NUMLOGINS as 0, so a dead driver made its primary
   * shut down without waiting for anyone. upsd still answers LIST CLIENT then, so we count the
   * logged-in clients instead; only when that fails too does the count become 0.
   */
  async numLogins(): Promise<number> {
    try {
      const client = await this.connection();
      try {
        return await client.getNumLogins(this.monitor.upsName);
      } catch (error) {
        if (
          !(error instanceof NutError) ||
          !['DATA-STALE', 'DRIVER-NOT-CONNECTED'].includes(error.code)
        )
          throw error;
        return (await client.listClient(this.monitor.upsName)).length;
      }
    } catch {
      return 0;
    }
  }

  async fsd(): Promise<void> {
    await (await this.connection()).fsd(this.monitor.upsName);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.drop();
    await client?.close().catch(() => {});
  }

  /** Drops the socket at once without LOGOUT (what a host that powers off does). */
  drop(): void {
    this.client?.removeAllListeners();
    void this.client?.close().catch(() => {});
    this.client = undefined;
    this.loggedIn = false;
  }

  private async connection(): Promise<NutClient> {
    if (this.client?.connected) return this.client;
    this.drop();
    const client = new NutClient({
      host: this.monitor.host,
      port: this.monitor.port,
      reconnect: false,
      connectTimeoutMs: this.options.requestTimeoutMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
      tls: this.options.tls,
      credentials: { username: this.monitor.username, password: this.monitor.password },
      logger: this.options.logger,
    });
    await client.connect();
    this.client = client;
    return client;
  }
}
