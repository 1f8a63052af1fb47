import { connect, type Socket } from 'node:net';

/** A line to a Megatec UPS: send a command, get the CR-terminated reply (or none). */
export interface MegatecTransport {
  /** Sends `command` + CR; resolves with the reply without CR, or undefined after `timeoutMs`. */
  query(command: string, timeoutMs: number): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * Byte-stream plumbing shared by the TCP and serial transports: input is flushed before each
 * command, and the reply is everything up to the first CR.
 */
export class StreamQueries implements MegatecTransport {
  private buffer = '';
  private waiter: (() => void) | undefined;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly write: (bytes: Buffer) => void,
    private readonly closer: () => Promise<void>,
  ) {}

  /** Feed bytes read from the line. */
  receive(data: Buffer): void {
    this.buffer += data.toString('latin1');
    if (this.buffer.length > 4096) this.buffer = this.buffer.slice(-512);
    this.waiter?.();
  }

  query(command: string, timeoutMs: number): Promise<string | undefined> {
    const run = this.busy.then(() => this.exchange(command, timeoutMs));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private exchange(command: string, timeoutMs: number): Promise<string | undefined> {
    this.buffer = '';
    this.write(Buffer.from(`${command}\r`, 'latin1'));
    return new Promise((resolve) => {
      const finish = (value: string | undefined) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(value);
      };
      const check = () => {
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

  close(): Promise<void> {
    return this.closer();
  }
}

/** `port = tcp://host:port`: a simulator (or a serial server) standing in for the line. */
export async function openTcpTransport(host: string, port: number): Promise<MegatecTransport> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(port, host, () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  const queries = new StreamQueries(
    (bytes) => socket.write(bytes),
    async () => {
      socket.destroy();
    },
  );
  socket.on('data', (data: Buffer) => queries.receive(data));
  socket.on('error', () => socket.destroy());
  return queries;
}

/** Opens the transport named by ups.conf `port`. */
export async function openTransport(
  port: string,
  options: { cablepower?: string; warn?: (message: string) => void },
): Promise<MegatecTransport> {
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:]+):(\d+)$/.exec(port);
  if (tcp) return openTcpTransport(tcp[1]!.replace(/^\[(.*)\]$/, '$1'), Number(tcp[2]));
  const { openSerialTransport } = await import('./bindings/serial.js');
  return openSerialTransport(port, options.cablepower ?? 'normal', options.warn);
}
