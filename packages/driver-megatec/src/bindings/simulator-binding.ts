import type { MegatecUps } from '../sim/megatec-ups.js';
import { commandHandler } from '../sim/line-handler.js';
import type { SerialBinding } from './serial.js';

type OpenOptions = Parameters<SerialBinding['open']>[0];
type PortInfo = Awaited<ReturnType<SerialBinding['list']>>[number];

/** How a port was opened and what the driver did to its modem lines. */
export interface SimulatedLine {
  baudRate: number;
  dataBits: number;
  parity: string;
  stopBits: number;
  dtr: boolean | undefined;
  rts: boolean | undefined;
  isOpen: boolean;
}

class CanceledError extends Error {
  readonly canceled = true;
}

/** One open port: bytes written go to the simulator, its replies come back through `read`. */
class SimulatorPort {
  isOpen = true;
  readonly openOptions: Required<OpenOptions>;
  private incoming: Buffer[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private readonly feed: (data: Buffer) => void;

  constructor(
    ups: MegatecUps,
    options: OpenOptions,
    readonly line: SimulatedLine,
  ) {
    this.openOptions = {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    };
    this.feed = commandHandler(ups, (bytes) => {
      if (!this.isOpen) return;
      this.incoming.push(bytes);
      this.wake?.();
    });
  }

  async read(buffer: Buffer, offset: number, length: number) {
    while (this.incoming.length === 0) {
      if (this.failure) throw this.failure;
      if (!this.isOpen) throw new CanceledError('Read canceled');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const chunk = this.incoming[0]!;
    const bytesRead = chunk.copy(buffer, offset, 0, Math.min(length, chunk.length));
    if (bytesRead < chunk.length) this.incoming[0] = chunk.subarray(bytesRead);
    else this.incoming.shift();
    return { buffer, bytesRead };
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new CanceledError('Write canceled');
    if (this.failure) throw this.failure;
    this.feed(Buffer.from(buffer));
  }

  async update(options: { baudRate: number }): Promise<void> {
    this.line.baudRate = options.baudRate;
  }

  async set(options: { dtr?: boolean; rts?: boolean }): Promise<void> {
    if (options.dtr !== undefined) this.line.dtr = options.dtr;
    if (options.rts !== undefined) this.line.rts = options.rts;
  }

  async get() {
    return { cts: false, dsr: false, dcd: false };
  }

  async getBaudRate() {
    return { baudRate: this.line.baudRate };
  }

  async flush(): Promise<void> {
    this.incoming = [];
  }

  async drain(): Promise<void> {}

  async close(): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
    this.isOpen = false;
    this.line.isOpen = false;
    this.wake?.();
  }

  /** The cable pulled out: the pending read fails with a non-cancel error (a disconnect). */
  unplug(): void {
    // Like a real binding, the port stays "open" until the stream closes it after the error.
    this.failure = new Error('device disconnected');
    this.wake?.();
  }
}

/**
 * A serialport binding whose ports are simulated UPSes, for `new SerialPortStream({ binding,
 * path, baudRate })`: the driver's real serial code runs against the simulator in-process, with
 * no pty and no native code. Paths not in `devices` fail to open, as a missing device would.
 */
export class SimulatorBinding {
  /** Per path, how the most recent port was opened and its modem lines. */
  readonly lines = new Map<string, SimulatedLine>();
  private readonly open_ = new Map<string, SimulatorPort>();

  constructor(private readonly devices: Record<string, MegatecUps>) {}

  async list(): Promise<PortInfo[]> {
    return Object.keys(this.devices).map((path) => ({
      path,
      manufacturer: 'nut-ts simulator',
      serialNumber: undefined,
      pnpId: undefined,
      locationId: undefined,
      productId: undefined,
      vendorId: undefined,
    }));
  }

  async open(options: OpenOptions): Promise<SimulatorPort> {
    const ups = this.devices[options.path];
    if (!ups) throw new Error(`Error: No such file or directory, cannot open ${options.path}`);
    if (this.open_.get(options.path)?.isOpen)
      throw new Error(`Error Resource temporarily unavailable Cannot lock port`);
    const line: SimulatedLine = {
      baudRate: options.baudRate,
      dataBits: options.dataBits ?? 8,
      parity: options.parity ?? 'none',
      stopBits: options.stopBits ?? 1,
      dtr: undefined,
      rts: undefined,
      isOpen: true,
    };
    const port = new SimulatorPort(ups, options, line);
    this.lines.set(options.path, line);
    this.open_.set(options.path, port);
    return port;
  }

  /** Pulls the cable of the port open on `path` (the driver sees a disconnect). */
  unplug(path: string): void {
    this.open_.get(path)?.unplug();
  }
}
