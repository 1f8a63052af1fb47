import { Socket } from 'node:net';
import { CHILD_CHANNEL_FD } from './privileged-parent.js';
import { SHUTDOWN_REQUEST } from './shutdown-request.js';

/** The monitoring child's end of the channel to its privileged parent. */
export interface ParentChannel {
  /** Sends the shutdown request; resolves once the parent's end has it, rejects when it is gone. */
  requestShutdown(): Promise<void>;
  /** Called once when the parent's end closes (the parent died). */
  onGone(listener: () => void): void;
}

export function openParentChannel(fd = CHILD_CHANNEL_FD): ParentChannel {
  const socket = new Socket({ fd, readable: true, writable: true });
  let gone = false;
  const listeners: Array<() => void> = [];
  const lose = () => {
    if (gone) return;
    gone = true;
    for (const listener of listeners) listener();
  };
  // The parent never writes; reading only tells us when its end closes.
  socket.on('data', () => {});
  socket.on('end', lose);
  socket.on('close', lose);
  socket.on('error', lose);
  return {
    requestShutdown: () =>
      new Promise((resolve, reject) => {
        if (gone) {
          reject(new Error('the privileged parent is gone'));
          return;
        }
        socket.write(`${SHUTDOWN_REQUEST}\n`, (error) => (error ? reject(error) : resolve()));
      }),
    onGone: (listener) => listeners.push(listener),
  };
}
