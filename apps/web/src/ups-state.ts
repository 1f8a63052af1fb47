/** What nut-web knows about one UPS. */
export interface UpsSnapshot {
  server: string;
  name: string;
  description: string;
  /** Variables as upsd serves them, by name. */
  vars: Record<string, string>;
  commands: string[];
  /** Addresses of the systems logged in (LIST CLIENT). */
  clients: string[];
  /** The active count (GET NUMLOGINS); undefined when upsd cannot say (stale driver). */
  numLogins: number | undefined;
  /** Why the data is missing (DRIVER-NOT-CONNECTED, DATA-STALE), if it is. */
  error: string | undefined;
}

/** One upsd server. */
export interface ServerSnapshot {
  id: string;
  host: string;
  port: number;
  connected: boolean;
  error: string | undefined;
  /**
   * Live push (nut-ts's NUTTS-WATCH): `active`; `unsupported` for a server without it (NUT's
   * upsd), read by polling only; `off` before the server has answered or while the push
   * connection is down.
   */
  push: 'active' | 'unsupported' | 'off';
}

/** A change pushed to WebSocket subscribers. */
export type WebEvent =
  | { type: 'snapshot'; servers: ServerSnapshot[]; ups: UpsSnapshot[] }
  | { type: 'connection'; server: string; connected: boolean; error?: string }
  /** The server's live push came up or went down (see {@link ServerSnapshot.push}). */
  | { type: 'push'; server: string; push: ServerSnapshot['push'] }
  | { type: 'ups-added' | 'ups-updated'; ups: UpsSnapshot; changed: Record<string, string | null> }
  | { type: 'ups-removed'; server: string; name: string }
  | {
      type: 'status';
      server: string;
      name: string;
      from: string | undefined;
      to: string | undefined;
      at: number;
    };

/** Changed variables between two snapshots (null = removed). */
export function diffVars(
  before: Record<string, string>,
  after: Record<string, string>,
): Record<string, string | null> {
  const changed: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(after))
    if (before[name] !== value) changed[name] = value;
  for (const name of Object.keys(before)) if (!(name in after)) changed[name] = null;
  return changed;
}
