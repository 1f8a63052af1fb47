import { readFile } from 'node:fs/promises';
import type { Timeline } from './timeline.js';

/**
 * Reads the lines that the hosts' SHUTDOWNCMD and NOTIFYCMD scripts append to the events file
 * (`<epoch ms> SHUTDOWN <host>` / `<epoch ms> NOTIFY <host> <TYPE> <message>`), adding each new
 * line to the timeline with the timestamp the script wrote.
 */
export class MarkerReader {
  private offset = 0;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly timeline: Timeline,
  ) {}

  /** Reads what was appended since the last call; calls are serialized so no line is read twice. */
  poll(): Promise<void> {
    this.reading = this.reading.then(() => this.read());
    return this.reading;
  }

  private async read(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return;
    }
    const fresh = text.slice(this.offset);
    const end = fresh.lastIndexOf('\n');
    if (end === -1) return;
    this.offset += end + 1;
    for (const line of fresh.slice(0, end).split('\n')) this.parse(line);
  }

  private parse(line: string): void {
    const match = /^(\d+) (SHUTDOWN|NOTIFY) (\S+)(?: (\S+))?(?: (.*))?$/.exec(line.trim());
    if (!match) return;
    const [, at, what, host, type, message] = match;
    if (what === 'SHUTDOWN') {
      this.timeline.add({
        at: Number(at),
        kind: 'shutdown',
        host: host!,
        detail: 'SHUTDOWNCMD ran',
      });
    } else {
      this.timeline.add({
        at: Number(at),
        kind: 'notify',
        host: host!,
        detail: `${type ?? '?'}${message ? ` "${message}"` : ''}`,
      });
    }
  }
}
