import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** What upsd uses of Node's TCP handle (undocumented; each use checks it is there). */
export interface TcpHandle {
  /** The socket's file descriptor (Linux, macOS). */
  fd?: unknown;
  /** Reads go into this buffer, as for the `onread` socket option. */
  useUserBuffer?: (buffer: Uint8Array) => void;
}

/**
 * Node's handle of a plain TCP socket; undefined for a TLS socket (its bytes must go through
 * the TLS layer) and for a socket without one. The only place upsd reaches into `_handle`.
 */
export function plainTcpHandle(socket: Socket): TcpHandle | undefined {
  if (socket instanceof TLSSocket) return undefined;
  return (socket as unknown as { _handle?: TcpHandle | null })._handle ?? undefined;
}
