/**
 * The one request the monitoring child may send its privileged parent: this exact line. The
 * parent reads nothing else from the child, so a compromised child can at worst ask for the
 * shutdown that the parent's own SHUTDOWNCMD performs, never choose what runs as root.
 */
export const SHUTDOWN_REQUEST = 'SHUTDOWN';

/** Longest line the parent buffers (bytes); a longer one is junk and is dropped whole. */
export const MAX_REQUEST_LINE = 64;

export type ParentRequest = 'shutdown' | 'invalid';

/**
 * Splits what the child writes into requests: `shutdown` for a well-formed line, `invalid` for
 * anything else (one per bad line, and one per over-long run of bytes). Holds at most
 * {@link MAX_REQUEST_LINE} bytes, whatever the child sends.
 */
export class RequestReader {
  private line = '';
  private discarding = false;

  push(chunk: Buffer | string): ParentRequest[] {
    const out: ParentRequest[] = [];
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const piece = text.slice(start, newline === -1 ? undefined : newline);
      if (!this.discarding) {
        this.line += piece;
        if (this.line.length > MAX_REQUEST_LINE) {
          out.push('invalid');
          this.discarding = true;
          this.line = '';
        }
      }
      if (newline === -1) break;
      if (!this.discarding) out.push(this.line === SHUTDOWN_REQUEST ? 'shutdown' : 'invalid');
      this.discarding = false;
      this.line = '';
      start = newline + 1;
    }
    return out;
  }
}
