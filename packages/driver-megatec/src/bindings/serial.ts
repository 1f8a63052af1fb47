import type { MegatecTransport } from '../transport.js';
import { StreamQueries } from '../transport.js';

/** DTR/RTS per NUT's `cablepower` option (some cables draw power from these lines). */
const CABLE_POWER: Record<string, { dtr: boolean; rts: boolean }> = {
  normal: { dtr: true, rts: false },
  reverse: { dtr: false, rts: true },
  both: { dtr: true, rts: true },
  none: { dtr: false, rts: false },
};

/**
 * A real serial line: 2400 baud 8N1, no flow control, modem lines per `cablepower`, input
 * flushed before each command. serialport is loaded only here, and only when used.
 */
export async function openSerialTransport(
  path: string,
  cablepower: string,
  warn: (message: string) => void = () => {},
): Promise<MegatecTransport> {
  const lines = CABLE_POWER[cablepower];
  if (!lines)
    throw new Error(`cablepower must be normal, reverse, both or none, not '${cablepower}'`);
  const [{ SerialPortStream }, { autoDetect }] = await Promise.all([
    import('@serialport/stream'),
    import('@serialport/bindings-cpp'),
  ]);
  const port = new SerialPortStream({
    binding: autoDetect(),
    path,
    baudRate: 2400,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    rtscts: false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
  // A pty or an adapter without modem lines refuses DTR/RTS; only cables powered by them care.
  await new Promise<void>((resolve) =>
    port.set(lines, (error) => {
      if (error)
        warn(`cannot set DTR/RTS for cablepower=${cablepower} on ${path}: ${error.message}`);
      resolve();
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const queries = new StreamQueries(
    (bytes) => {
      port.flush(() => port.write(bytes));
    },
    () => new Promise((resolve) => port.close(() => resolve())),
  );
  port.on('data', (data: Buffer) => queries.receive(data));
  return queries;
}
