import { TcpProxy } from './tcp-proxy.js';

/** Where a host reaches upsd, and the address upsd sees it connect from. */
export interface HostEndpoint {
  /** Address and port the host's upsmon connects to. */
  upsdAddress: string;
  upsdPort: number;
  /** The host's own address, as LIST CLIENT shows it. */
  hostAddress: string;
}

/**
 * How the simulated hosts reach upsd: all on loopback (optionally each behind its own relay, so
 * one can be cut off), or each in its own network namespace on a bridge (`--netns`).
 */
export interface SiteNetwork {
  readonly kind: 'loopback' | 'netns';
  /** Addresses upsd must listen on, besides 127.0.0.1 (which the recorder uses). */
  readonly extraListen: readonly string[];
  /** Sets up host `index` (0 = primary) and tells it where upsd is. */
  attach(host: string, index: number, upsdPort: number): Promise<HostEndpoint>;
  /** The command line that runs `command` as that host. */
  wrap(host: string, command: string, args: readonly string[]): { command: string; args: string[] };
  /** Cuts the host off from upsd (its link goes down; its connection dies or hangs). */
  cut(host: string): Promise<void>;
  /** Brings the host's link back. */
  restore(host: string): Promise<void>;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/** Every host on loopback; with `relays`, each behind a TCP relay that can be cut. */
export class LoopbackNetwork implements SiteNetwork {
  readonly kind = 'loopback';
  readonly extraListen: readonly string[] = [];
  private readonly relays = new Map<string, TcpProxy>();

  constructor(private readonly relayed: boolean) {}

  async attach(host: string, _index: number, upsdPort: number): Promise<HostEndpoint> {
    if (!this.relayed) return { upsdAddress: LOOPBACK, upsdPort, hostAddress: LOOPBACK };
    const relay = new TcpProxy({ host: LOOPBACK, port: upsdPort });
    this.relays.set(host, relay);
    return { upsdAddress: LOOPBACK, upsdPort: await relay.listen(), hostAddress: LOOPBACK };
  }

  wrap(_host: string, command: string, args: readonly string[]) {
    return { command, args: [...args] };
  }

  cut(host: string): Promise<void> {
    this.relayFor(host).cut();
    return Promise.resolve();
  }

  restore(host: string): Promise<void> {
    this.relayFor(host).restore();
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await Promise.all([...this.relays.values()].map((relay) => relay.close()));
  }

  private relayFor(host: string): TcpProxy {
    const relay = this.relays.get(host);
    if (!relay) {
      throw new Error(
        `host ${host} has no relay: create the site with relays: true or netns: true`,
      );
    }
    return relay;
  }
}
