import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import type { MegatecUps } from './megatec-ups.js';
import { commandHandler } from './line-handler.js';

/**
 * Serves a simulated UPS on one end of a pseudo-terminal pair (e.g. made by
 * `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`), so a driver that wants a serial
 * device, NUT's nutdrv_qx among them, can talk to it through the other end.
 */
export function serveOverPty(ups: MegatecUps, path: string): { close(): void } {
  const fd = openSync(path, 'r+');
  const input = new ReadStream(fd);
  input.setRawMode(true);
  const output = new WriteStream(fd);
  // The far end going away (socat stopped) must not take the simulator down with it.
  input.on('error', () => input.destroy());
  output.on('error', () => output.destroy());
  input.on(
    'data',
    commandHandler(ups, (bytes) => {
      if (!output.destroyed) output.write(bytes);
    }),
  );
  return {
    close() {
      input.destroy();
      output.destroy();
    },
  };
}
