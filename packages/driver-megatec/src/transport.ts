import { TransportError } from '@nut-ts/core';

/** A line to a Megatec UPS: send a command, get the CR-terminated reply (or none). */
export interface MegatecTransport {
  /**
   * Sends `command` + CR after discarding anything unread, and resolves with the reply up to
   * its CR (CR removed), or undefined when none came within `timeoutMs`. Queries run one at a
   * time in call order. Rejects with a TransportError when the line cannot be opened.
   */
  query(command: string, timeoutMs: number): Promise<string | undefined>;
  /** Closes the line for good; later queries reject. */
  close(): Promise<void>;
}

/** The byte pipe under a transport: a serial port, a TCP socket, a simulator. */
export interface ByteLink {
  write(bytes: Buffer): Promise<void>;
  /** Discards bytes received but not read (serial lines). */
  flush?(): Promise<void>;
  close(): Promise<void>;
}

/** What a link reports back. `closed` means the link is gone (unplugged, peer closed). */
export interface LinkEvents {
  data(bytes: Buffer): void;
  closed(): void;
}

/** Opens a link; rejects with a TransportError when it cannot. */
export type LinkOpener = (events: LinkEvents) => Promise<ByteLink>;

/** Bytes kept while waiting for a CR; a flood of junk without one cannot grow past this. */
const MAX_BUFFER = 4096;

/**
 * Turns a byte link into Megatec queries. The link is opened on the first query and opened
 * again on the next query after it went away, so a UPS that was unplugged (or a simulator that
 * restarted) is found again without restarting the driver.
 */
export class LineTransport implements MegatecTransport {
  private link: ByteLink | undefined;
  private buffer = '';
  private waiter: (() => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private generation = 0;

  constructor(private readonly open: LinkOpener) {}

  query(command: string, timeoutMs: number): Promise<string | undefined> {
    const run = this.queue.then(() => this.exchange(command, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    const link = this.link;
    this.link = undefined;
    await link?.close();
  }

  private receive(data: Buffer): void {
    this.buffer += data.toString('latin1');
    if (this.buffer.length > MAX_BUFFER) this.buffer = this.buffer.slice(-MAX_BUFFER / 8);
    this.waiter?.();
  }

  private async connect(): Promise<ByteLink> {
    if (this.closed) throw new TransportError('CLOSED', 'the UPS line is closed');
    if (this.link) return this.link;
    // Events from a link we already dropped must not touch the current one.
    const generation = ++this.generation;
    const opened = await this.open({
      data: (bytes) => {
        if (this.generation === generation) this.receive(bytes);
      },
      closed: () => {
        if (this.generation === generation) this.link = undefined;
      },
    });
    if (this.closed) {
      await opened.close();
      throw new TransportError('CLOSED', 'the UPS line is closed');
    }
    this.link = opened;
    return opened;
  }

  /** Waits for `step`, but no longer than `timeoutMs`. */
  private async bounded(step: Promise<void> | undefined, timeoutMs: number): Promise<void> {
    if (!step) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TransportError(
              'TIMEOUT',
              `the UPS line did not take the command within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([step, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async exchange(command: string, timeoutMs: number): Promise<string | undefined> {
    const link = await this.connect();
    try {
      await this.bounded(link.flush?.(), timeoutMs);
      this.buffer = '';
      await this.bounded(link.write(Buffer.from(`${command}\r`, 'latin1')), timeoutMs);
    } catch (error) {
      // A line that cannot take a command is as good as gone: open it afresh next time.
      if (this.link === link) {
        this.link = undefined;
        this.generation++;
      }
      void link.close().catch(() => undefined);
      throw error;
    }
    return new Promise((resolve) => {
      const finish = (value: string | undefined) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(value);
      };
      const check = () => {
        // Some serial servers send CRLF: a leading LF belongs to the previous line.
        this.buffer = this.buffer.replace(/^\n+/, '');
        const at = this.buffer.indexOf('\r');
        if (at === -1) return;
        const reply = this.buffer.slice(0, at);
        this.buffer = this.buffer.slice(at + 1);
        finish(reply);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.waiter = check;
      check();
    });
  }
}

/** Reads `tcp://host:port` (IPv6 hosts in brackets); undefined for anything else. */
export function parseTcpPort(port: string): { host: string; port: number } | undefined {
  const match = /^tcp:\/\/(\[[^\]]+\]|[^:/[\]]+):(\d{1,5})\/?$/.exec(port.trim());
  if (!match) return undefined;
  const number = Number(match[2]);
  if (number < 1 || number > 65535) return undefined;
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port: number };
}
