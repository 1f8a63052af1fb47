import { LineTransport, parseTcpPort, type MegatecTransport } from '../transport.js';
import type { SerialOptions } from './serial.js';
import { tcpLink } from './tcp.js';

/**
 * The transport named by ups.conf `port`: `tcp://host:port`, or a serial device path (serialport
 * is only loaded for the latter).
 */
export async function openTransport(
  port: string,
  options: SerialOptions = {},
): Promise<MegatecTransport> {
  const tcp = parseTcpPort(port);
  if (tcp) return new LineTransport(tcpLink(tcp.host, tcp.port));
  if (port.startsWith('tcp:')) throw new Error(`port '${port}' is not tcp://host:port`);
  const { serialLink } = await import('./serial.js');
  return new LineTransport(serialLink(port, options));
}
