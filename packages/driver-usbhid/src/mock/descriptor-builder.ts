/**
 * Writes HID report descriptors item by item (HID 1.11 §6.2.2), so fake devices are described
 * the way real firmware describes itself, from the specification's items and usage tables.
 */
export class DescriptorBuilder {
  private readonly bytes: number[] = [];

  private item(type: number, tag: number, value: number, signed = false): this {
    let size = 0;
    if (value !== 0 || tag === 0xa) {
      const fits = (bits: number) =>
        signed
          ? value >= -(2 ** (bits - 1)) && value < 2 ** (bits - 1)
          : value >= 0 && value < 2 ** bits;
      size = fits(8) ? 1 : fits(16) ? 2 : 4;
    }
    const code = [0, 1, 2, 3][size === 4 ? 3 : size]!;
    this.bytes.push((tag << 4) | (type << 2) | code);
    let raw = value < 0 ? value + 2 ** (8 * size) : value;
    for (let i = 0; i < size; i++) {
      this.bytes.push(raw % 256);
      raw = Math.floor(raw / 256);
    }
    return this;
  }

  usagePage(page: number): this {
    return this.item(1, 0, page);
  }
  usage(id: number): this {
    return this.item(2, 0, id);
  }
  /** A collection; a number n (1…127) opens the vendor-defined type 0x80 + n, shown as `[n]`. */
  collection(kind: 'application' | 'physical' | 'logical' | number): this {
    const type =
      typeof kind === 'number' ? 0x80 + kind : { physical: 0, application: 1, logical: 2 }[kind];
    return this.item(0, 0xa, type);
  }
  end(): this {
    this.bytes.push(0xc0);
    return this;
  }
  reportId(id: number): this {
    return this.item(1, 8, id);
  }
  reportSize(bits: number): this {
    return this.item(1, 7, bits);
  }
  reportCount(n: number): this {
    return this.item(1, 9, n);
  }
  logical(min: number, max: number): this {
    return this.item(1, 1, min, true).item(1, 2, max, min < 0);
  }
  unit(code: number, exponent = 0): this {
    return this.item(1, 6, code).item(1, 5, exponent & 0x0f);
  }
  feature(): this {
    return this.item(0, 0xb, 0x02);
  }
  input(): this {
    return this.item(0, 0x8, 0x02);
  }
  /** Constant bits that fill a report to a byte boundary. */
  padding(bits: number, kind: 'input' | 'feature' = 'input'): this {
    return this.reportSize(bits)
      .reportCount(1)
      .item(0, kind === 'input' ? 0x8 : 0xb, 0x03);
  }
  /** One variable field: `reportId`, size and logical range, then Feature (or Input). */
  field(
    usage: number,
    reportId: number,
    bits: number,
    min: number,
    max: number,
    kind: 'input' | 'feature' = 'feature',
  ): this {
    this.reportId(reportId).reportSize(bits).reportCount(1).logical(min, max).usage(usage);
    return kind === 'input' ? this.input() : this.feature();
  }

  build(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
