/**
 * Splits a byte stream into lines at a delimiter, with a hard cap on line length so memory
 * stays bounded whatever the peer sends. An over-long line is reported once as `overflow`
 * and the rest of it, up to the next delimiter, is discarded.
 */
export type FramedLine = { kind: 'line'; line: string } | { kind: 'overflow'; length: number };

export interface LineFramerOptions {
  /** Byte that ends a line. Default LF (0x0a). */
  delimiter?: number;
  /** Longest line kept, in bytes, without the delimiter. Default 4096. */
  maxLineLength?: number;
  /** Strip one CR before an LF delimiter. Default true. */
  stripCR?: boolean;
}

export class LineFramer {
  private readonly delimiter: number;
  private readonly maxLineLength: number;
  private readonly stripCR: boolean;
  private chunks: Buffer[] = [];
  private length = 0;
  private discarding = false;
  private discarded = 0;

  constructor(options: LineFramerOptions = {}) {
    this.delimiter = options.delimiter ?? 0x0a;
    this.maxLineLength = options.maxLineLength ?? 4096;
    this.stripCR = options.stripCR ?? true;
  }

  /** Bytes held for an incomplete line. */
  get buffered(): number {
    return this.length;
  }

  push(chunk: Uint8Array | string): FramedLine[] {
    const data =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'latin1')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: FramedLine[] = [];
    let from = 0;
    while (from < data.length) {
      const at = data.indexOf(this.delimiter, from);
      if (at === -1) {
        this.take(data.subarray(from), out);
        break;
      }
      if (this.length === 0 && !this.discarding && at - from <= this.maxLineLength) {
        // The whole line is in this chunk: decode it in place, without copying.
        out.push({ kind: 'line', line: this.strip(data.toString('latin1', from, at)) });
      } else {
        this.take(data.subarray(from, at), out);
        this.complete(out);
      }
      from = at + 1;
    }
    return out;
  }

  private strip(line: string): string {
    return this.stripCR && this.delimiter === 0x0a && line.endsWith('\r')
      ? line.slice(0, -1)
      : line;
  }

  private take(piece: Buffer, out: FramedLine[]): void {
    if (this.discarding) {
      this.discarded += piece.length;
      return;
    }
    if (this.length + piece.length > this.maxLineLength) {
      this.discarding = true;
      this.discarded = this.length + piece.length;
      this.chunks = [];
      this.length = 0;
      out.push({ kind: 'overflow', length: this.discarded });
      return;
    }
    if (piece.length > 0) {
      this.chunks.push(Buffer.from(piece));
      this.length += piece.length;
    }
  }

  private complete(out: FramedLine[]): void {
    if (this.discarding) {
      this.discarding = false;
      this.discarded = 0;
      return;
    }
    const line = this.strip(Buffer.concat(this.chunks, this.length).toString('latin1'));
    this.chunks = [];
    this.length = 0;
    out.push({ kind: 'line', line });
  }
}
