import { TransportError } from '@nut-ts/core';
import type { SerialPortStream } from '@serialport/stream';
import type { LinkOpener } from '../transport.js';

/** A serialport binding (bindings-cpp in production, the simulator binding in tests). */
export type SerialBinding = ConstructorParameters<typeof SerialPortStream>[0]['binding'];

/** DTR/RTS per NUT's `cablepower` option (some cables draw power from these lines). */
export const CABLE_POWER: Readonly<Record<string, { dtr: boolean; rts: boolean }>> = {
  normal: { dtr: true, rts: false },
  reverse: { dtr: false, rts: true },
  both: { dtr: true, rts: true },
  none: { dtr: false, rts: false },
};

export interface SerialOptions {
  /** normal (default), reverse, both or none. */
  cablepower?: string;
  /** Injected binding; default `@serialport/bindings-cpp`'s autoDetect(). */
  binding?: SerialBinding;
  /** Milliseconds to let a cable powered by DTR/RTS settle (NUT: 100). */
  settleMs?: number;
  /** Told when the modem lines cannot be set (a pty has none). */
  warn?: (message: string) => void;
}

const callback =
  (resolve: () => void, reject: (error: Error) => void) => (error: Error | null | undefined) =>
    error ? reject(error) : resolve();

/**
 * A real serial line: 2400 baud 8N1, no flow control, modem lines per `cablepower`, input
 * flushed before each command. serialport is loaded only here, and only when used.
 */
export function serialLink(path: string, options: SerialOptions = {}): LinkOpener {
  const cablepower = (options.cablepower ?? 'normal').toLowerCase();
  const lines = CABLE_POWER[cablepower];
  if (!lines)
    throw new Error(
      `cablepower must be normal, reverse, both or none, not '${options.cablepower}'`,
    );
  return async (events) => {
    const [{ SerialPortStream: Stream }, binding] = await Promise.all([
      import('@serialport/stream'),
      options.binding ?? import('@serialport/bindings-cpp').then((m) => m.autoDetect()),
    ]);
    const port = new Stream({
      binding,
      path,
      baudRate: 2400,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: false,
      autoOpen: false,
    });
    try {
      await new Promise<void>((resolve, reject) => port.open(callback(resolve, reject)));
    } catch (error) {
      throw new TransportError(
        'CONNECT-FAILED',
        `cannot open ${path}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    // A pty or an adapter without modem lines refuses DTR/RTS; only cables powered by them care.
    await new Promise<void>((resolve) =>
      port.set(lines, (error) => {
        if (error)
          options.warn?.(
            `cannot set DTR/RTS for cablepower=${cablepower} on ${path}: ${error.message}`,
          );
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 100));
    port.on('data', (data: Buffer) => events.data(data));
    port.on('error', (error: Error) => options.warn?.(`${path}: ${error.message}`));
    port.once('close', () => events.closed());
    return {
      flush: () => new Promise((resolve) => port.flush(() => resolve())),
      write: (bytes) =>
        new Promise((resolve, reject) => {
          // A closed SerialPortStream would hold the write until it opens again: never.
          if (!port.isOpen) return reject(new TransportError('CLOSED', `${path} is closed`));
          port.write(bytes, (error: Error | null | undefined) =>
            error ? reject(new TransportError('CLOSED', `${path}: ${error.message}`)) : resolve(),
          );
        }),
      close: () =>
        new Promise((resolve) => {
          if (!port.isOpen) return resolve();
          // NUT drops DTR when it lets go of the line.
          port.set({ dtr: false, rts: false }, () => port.close(() => resolve()));
        }),
    };
  };
}
