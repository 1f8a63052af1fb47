import { Socket, type SocketConstructorOpts } from 'node:net';
import { plainTcpHandle } from './plain-tcp-handle.js';

/** Where Node keeps a socket's `onread` buffer and callback. */
interface ReadHooks {
  buffer: symbol;
  callback: symbol;
}

/**
 * Node's keys for the `onread` option of `new net.Socket()`, found on a probe socket made with
 * that public option and accepted only if they hold exactly the buffer and callback given.
 * undefined when this Node keeps them elsewhere.
 */
function findReadHooks(): ReadHooks | undefined {
  const buffer = Buffer.alloc(1);
  const callback = (): undefined => undefined;
  // Node reads `onread` in the constructor too; its types list it only for connect().
  const probe = new Socket({ onread: { buffer, callback } } as SocketConstructorOpts);
  const record = probe as unknown as Record<symbol, unknown>;
  const symbols = Object.getOwnPropertySymbols(probe);
  probe.destroy();
  const bufferKey = symbols.find((key) => record[key] === buffer);
  const callbackKey = symbols.find((key) => record[key] === callback);
  return bufferKey && callbackKey ? { buffer: bufferKey, callback: callbackKey } : undefined;
}

const hooks = findReadHooks();

/**
 * One read buffer for every client. A read is handed to its session and consumed before the
 * event loop reads again, and the tokenizer copies what it keeps, so the buffer is never read
 * after the next read overwrites it.
 */
const sharedBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * Delivers what a client sends to `onChunk`. A plain TCP socket reads straight into one shared
 * buffer, as Node's `onread` option does for sockets it connects, so no buffer is allocated and
 * no stream event is emitted per read; `pause()`, `resume()`, end and errors work as usual.
 * Where Node's hooks are not found, and for TLS sockets, this is the 'data' event.
 * Returns true when the shared buffer is in use (for tests).
 */
export function readChunks(socket: Socket, onChunk: (chunk: Buffer) => void): boolean {
  const handle = plainTcpHandle(socket);
  if (!hooks || typeof handle?.useUserBuffer !== 'function') {
    socket.on('data', onChunk);
    return false;
  }
  const record = socket as unknown as Record<symbol, unknown>;
  record[hooks.buffer] = sharedBuffer;
  record[hooks.callback] = (length: number): undefined => {
    onChunk(sharedBuffer.subarray(0, length));
  };
  handle.useUserBuffer(sharedBuffer);
  return true;
}

/**
 * Stops delivering reads to the last `onChunk` (before the socket is handed to TLS, which
 * takes over the reading).
 */
export function stopReadingChunks(socket: Socket): void {
  socket.removeAllListeners('data');
  if (!hooks) return;
  const record = socket as unknown as Record<symbol, unknown>;
  if (record[hooks.callback]) record[hooks.callback] = (): undefined => undefined;
}
