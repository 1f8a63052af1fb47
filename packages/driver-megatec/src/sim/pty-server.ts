import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import type { MegatecUps } from './megatec-ups.js';

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
  let buffer = '';
  input.on('data', (data: Buffer) => {
    buffer += data.toString('latin1');
    if (buffer.length > 4096) buffer = buffer.slice(-64);
    let at;
    while ((at = buffer.indexOf('\r')) !== -1) {
      const command = buffer.slice(0, at).replace(/^\n+/, '');
      buffer = buffer.slice(at + 1);
      const reply = ups.reply(command);
      if (reply !== undefined) output.write(Buffer.from(`${reply}\r`, 'latin1'));
    }
  });
  input.on('error', () => input.destroy());
  return {
    close() {
      input.destroy();
      output.destroy();
    },
  };
}
