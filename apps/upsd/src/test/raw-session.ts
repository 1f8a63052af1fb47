import { connect, type Socket } from 'node:net';

/**
 * A raw protocol session for tests: sends one line at a time and collects exactly the bytes
 * of its reply (one line, or a whole LIST block), or nothing when `expectNothingMs` is given.
 */
export class RawSession {
  private buffer = '';
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      this.buffer += data;
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  }

  /** Connects to `host`:`port`, from `localAddress` when given (e.g. 127.0.0.2). */
  static open(port: number, host = '127.0.0.1', localAddress?: string): Promise<RawSession> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host, ...(localAddress && { localAddress }) }, () =>
        resolve(new RawSession(socket)),
      );
      socket.once('error', reject);
    });
  }

  /** Sends `line` (raw, include the LF) and resolves with the complete reply text. */
  async send(line: string | Buffer, timeoutMs = 5000): Promise<string> {
    this.socket.write(line);
    return this.reply(timeoutMs);
  }

  /** Resolves with whatever arrives within `ms` (for requests NUT does not answer). */
  async quiet(line: string | Buffer, ms = 300): Promise<string> {
    this.socket.write(line);
    await new Promise((resolve) => setTimeout(resolve, ms));
    const text = this.buffer;
    this.buffer = '';
    return text;
  }

  private async reply(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const complete = this.complete();
      if (complete !== undefined) return complete;
      if (this.closed || Date.now() > deadline) {
        const text = this.buffer;
        this.buffer = '';
        return text;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private complete(): string | undefined {
    const end = this.buffer.indexOf('\n');
    if (end === -1) return undefined;
    let length = end + 1;
    if (this.buffer.startsWith('BEGIN LIST ')) {
      const match = /^END LIST .*\n/m.exec(this.buffer);
      if (!match) return undefined;
      length = match.index + match[0].length;
    }
    const text = this.buffer.slice(0, length);
    this.buffer = this.buffer.slice(length);
    return text;
  }

  close(): void {
    this.socket.destroy();
  }
}
