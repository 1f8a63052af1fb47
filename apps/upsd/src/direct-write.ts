import { Buffer } from 'node:buffer';
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { plainTcpHandle } from './plain-tcp-handle.js';

/** Writes `text` to a client and says whether it all left at once (false: it is queued). */
export type ReplyWriter = (text: string) => boolean;

/**
 * The file descriptor of a plain TCP socket, where Node's handle exposes one (Linux, macOS).
 * A TLS socket has none: its bytes must go through the TLS layer.
 */
export function plainSocketFd(socket: Socket): number | undefined {
  const fd = plainTcpHandle(socket)?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

/**
 * A writer for a plain TCP client that hands a reply to the kernel with one write(2) when
 * nothing is queued ahead of it, skipping Node's stream machinery on the request path (see
 * docs/performance.md). Whatever the kernel does not take at once, every reply
 * while older output is still queued, and any write error go through `socket.write`, so order,
 * back-pressure and error handling stay the stream's. TLS sockets and sockets without a
 * descriptor always use `socket.write`.
 */
export function replyWriter(socket: Socket): ReplyWriter {
  const fd = plainSocketFd(socket);
  if (fd === undefined) return (text) => socket.write(text);
  return (text) => {
    if (socket.writableLength > 0 || socket.writableCorked > 0 || !socket.writable) {
      return socket.write(text);
    }
    let written: number;
    try {
      written = writeSync(fd, text);
    } catch {
      // EAGAIN (the kernel buffer is full) or a broken connection: the stream queues the reply
      // or reports the error to the session as usual.
      return socket.write(text);
    }
    if (written === Buffer.byteLength(text)) return true;
    return socket.write(Buffer.from(text).subarray(written));
  };
}
