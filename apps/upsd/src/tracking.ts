import { randomUUID } from 'node:crypto';
import { monotonicNow, type Clock } from '@nut-ts/core';

/** What `GET TRACKING <id>` answers: a bare word or an ERR code. */
export type TrackingReply =
  | 'PENDING'
  | 'SUCCESS'
  | 'ERR UNKNOWN'
  | 'ERR INVALID-ARGUMENT'
  | 'ERR FAILED';

/** Driver result codes (sock protocol) to replies, as NUT maps them. */
const FROM_DRIVER: Record<number, TrackingReply> = {
  0: 'SUCCESS',
  1: 'ERR UNKNOWN',
  2: 'ERR INVALID-ARGUMENT',
  3: 'ERR FAILED',
  4: 'ERR INVALID-ARGUMENT',
};

/** Results of tracked SET/INSTCMD requests, kept for TRACKINGDELAY seconds. */
export class TrackingTable {
  private readonly entries = new Map<string, { reply: TrackingReply; expires: number }>();

  constructor(
    private readonly clock: Clock,
    private lifetimeSeconds: number,
  ) {}

  setLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  /** A new upper-case UUID, PENDING until the driver answers. */
  create(): string {
    this.purge();
    const id = randomUUID().toUpperCase();
    this.entries.set(id, {
      reply: 'PENDING',
      expires: monotonicNow(this.clock) + this.lifetimeSeconds * 1000,
    });
    return id;
  }

  resolve(id: string, driverStatus: number): void {
    const entry = this.entries.get(id);
    if (entry) entry.reply = FROM_DRIVER[driverStatus] ?? 'ERR UNKNOWN';
  }

  /** The reply for `id`; ids never issued or expired are `ERR UNKNOWN`. */
  get(id: string): TrackingReply {
    this.purge();
    return this.entries.get(id)?.reply ?? 'ERR UNKNOWN';
  }

  private purge(): void {
    const now = monotonicNow(this.clock);
    for (const [id, entry] of this.entries) if (entry.expires <= now) this.entries.delete(id);
  }
}
