import type { MegatecUps } from './megatec-ups.js';

/**
 * Turns bytes from the line into commands (CR-terminated, as on the serial line) and writes the
 * simulator's replies back. The buffer is capped so a flood of junk cannot grow it without bound.
 */
export function commandHandler(
  ups: MegatecUps,
  write: (reply: Buffer) => void,
): (data: Buffer) => void {
  let buffer = '';
  return (data) => {
    buffer += data.toString('latin1');
    if (buffer.length > 4096) buffer = buffer.slice(-64);
    let at;
    while ((at = buffer.indexOf('\r')) !== -1) {
      const command = buffer.slice(0, at).replace(/^\n+/, '');
      buffer = buffer.slice(at + 1);
      const reply = ups.reply(command);
      if (reply === undefined) continue;
      const bytes = Buffer.from(`${reply}\r`, 'latin1');
      const delay = ups.faults.delayMs;
      if (delay > 0) setTimeout(() => write(bytes), delay);
      else write(bytes);
    }
  };
}
