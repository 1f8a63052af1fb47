import type { ReportField } from './descriptor-parser.js';

/** Bits needed for a magnitude (at least 1). */
function bitsFor(value: number): number {
  let bits = 1;
  while (bits < 53 && 2 ** bits <= value) bits++;
  return bits;
}

/**
 * Reads a field from a report buffer whose first byte is the report ID: `size` bits from bit
 * `offset` after it, LSB first; masked to the bits the logical range needs (firmware junk in
 * the high bits is dropped), sign-extended when the range is signed, clamped to the range.
 */
export function extractLogical(
  buffer: Uint8Array,
  field: Pick<ReportField, 'offset' | 'size' | 'logicalMin' | 'logicalMax'>,
): number {
  let raw = 0;
  // Only the low bits the logical range keeps can matter (at most 54, see below), and bits past
  // the buffer read as 0: a 32-bit Report Size or offset from the descriptor costs nothing.
  const readable = Math.min(field.size, 54, (buffer.length - 1) * 8 - field.offset);
  for (let bit = 0; bit < readable; bit++) {
    const position = field.offset + bit;
    const byte = buffer[1 + Math.floor(position / 8)] ?? 0;
    if ((byte >> position % 8) & 1) raw += 2 ** bit;
  }
  const magnitude = Math.max(Math.abs(field.logicalMin), Math.abs(field.logicalMax));
  const signed = field.logicalMin < 0;
  const bits = Math.min(field.size, bitsFor(magnitude) + (signed ? 1 : 0));
  let value = raw % 2 ** bits;
  if (signed && value >= 2 ** (bits - 1)) value -= 2 ** bits;
  return Math.min(Math.max(value, field.logicalMin), field.logicalMax);
}

/** Logical to physical units: a linear map when both physical limits are usable, else identity. */
export function logicalToPhysical(
  value: number,
  field: Pick<ReportField, 'logicalMin' | 'logicalMax' | 'physicalMin' | 'physicalMax'>,
): number {
  const { physicalMin: pMin, physicalMax: pMax, logicalMin: lMin, logicalMax: lMax } = field;
  if (
    pMin === undefined ||
    pMax === undefined ||
    (pMin === 0 && pMax === 0) ||
    pMax <= pMin ||
    lMax <= lMin
  )
    return value;
  const physical = pMin + ((value - lMin) * (pMax - pMin)) / (lMax - lMin);
  return Math.min(Math.max(physical, pMin), pMax);
}

/** Physical back to a logical integer (for writes), clamped to the logical range. */
export function physicalToLogical(
  value: number,
  field: Pick<ReportField, 'logicalMin' | 'logicalMax' | 'physicalMin' | 'physicalMax'>,
): number {
  const { physicalMin: pMin, physicalMax: pMax, logicalMin: lMin, logicalMax: lMax } = field;
  let logical = value;
  if (
    !(
      pMin === undefined ||
      pMax === undefined ||
      (pMin === 0 && pMax === 0) ||
      pMax <= pMin ||
      lMax <= lMin
    )
  ) {
    logical = lMin + ((value - pMin) * (lMax - lMin)) / (pMax - pMin);
  }
  return Math.min(Math.max(Math.round(logical), lMin), lMax);
}

/** HID unit codes whose exponent must be corrected to give SI base units (cgs-based volts, watts). */
const UNIT_CORRECTION: Record<number, number> = {
  0x00f0d121: 7, // volt
  0x0000d121: 7, // watt, volt-ampere
  0x00100001: 0, // ampere
  0x00001001: 0, // second
  0x00010001: 0, // kelvin
  0x0000f001: 0, // hertz
  0x00101001: 0, // ampere-second
};

/** Applies the unit exponent: ×10^(exponent − correction for the unit). */
export function applyExponent(
  value: number,
  field: Pick<ReportField, 'unit' | 'unitExponent'>,
): number {
  const correction = UNIT_CORRECTION[field.unit] ?? 0;
  const exponent = field.unitExponent - correction;
  // Round away binary noise: 2.3 × 10 should be 23, not 22.999999999999996.
  return Number((value * 10 ** exponent).toPrecision(12));
}

/** Undoes {@link applyExponent}: a value in NUT units back to the field's physical units. */
export function removeExponent(
  value: number,
  field: Pick<ReportField, 'unit' | 'unitExponent'>,
): number {
  const correction = UNIT_CORRECTION[field.unit] ?? 0;
  return Number((value / 10 ** (field.unitExponent - correction)).toPrecision(12));
}

/** The value of a field in NUT units: extraction, physical mapping, exponent. */
export function readField(buffer: Uint8Array, field: ReportField): number {
  return applyExponent(logicalToPhysical(extractLogical(buffer, field), field), field);
}

/** Writes a logical value into a report buffer (report ID byte first), LSB first. */
export function insertLogical(
  buffer: Uint8Array,
  field: Pick<ReportField, 'offset' | 'size'>,
  logical: number,
): void {
  let raw = logical < 0 ? logical + 2 ** field.size : logical;
  for (let bit = 0; bit < field.size; bit++) {
    const position = field.offset + bit;
    const index = 1 + Math.floor(position / 8);
    if (index >= buffer.length) return;
    const mask = 1 << position % 8;
    if (raw % 2 === 1) buffer[index]! |= mask;
    else buffer[index]! &= ~mask;
    raw = Math.floor(raw / 2);
  }
}
