/** A report-descriptor parse failure: truncated items, bad nesting. */
export class HidDescriptorError extends Error {
  override readonly name = 'HidDescriptorError';
}

/** One short item of a HID report descriptor (HID 1.11 §6.2.2.2). */
export interface HidItem {
  kind: 'main' | 'global' | 'local';
  /** The 4-bit tag. */
  tag: number;
  /** Data as an unsigned number (0 for empty items). */
  data: number;
  /** Data read as two's complement of its own size. */
  signed: number;
  /** Data size in bytes: 0, 1, 2 or 4. */
  size: number;
  /** Byte offset of the item in the descriptor. */
  at: number;
}

const KINDS = ['main', 'global', 'local'] as const;

/** Splits a descriptor into items. Long items (0xFE) are skipped, as no standard uses them. */
export function readItems(bytes: Uint8Array): HidItem[] {
  const items: HidItem[] = [];
  let i = 0;
  while (i < bytes.length) {
    const prefix = bytes[i]!;
    if (prefix === 0xfe) {
      const length = bytes[i + 1];
      if (length === undefined) throw new HidDescriptorError(`truncated long item at byte ${i}`);
      i += 3 + length;
      if (i > bytes.length)
        throw new HidDescriptorError('long item runs past the end of the descriptor');
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03]!;
    const type = (prefix >> 2) & 0x03;
    if (type === 3) throw new HidDescriptorError(`reserved item type at byte ${i}`);
    if (i + 1 + size > bytes.length)
      throw new HidDescriptorError(`item at byte ${i} runs past the end of the descriptor`);
    let data = 0;
    for (let b = 0; b < size; b++) data += bytes[i + 1 + b]! * 2 ** (8 * b);
    const bits = size * 8;
    const signed = size > 0 && data >= 2 ** (bits - 1) ? data - 2 ** bits : data;
    items.push({ kind: KINDS[type]!, tag: prefix >> 4, data, signed, size, at: i });
    i += 1 + size;
  }
  return items;
}
