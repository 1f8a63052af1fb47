import { HidDescriptorError, readItems } from './items.js';

export type ReportType = 'input' | 'output' | 'feature';

/** One value of a report: where it is and how to read it. */
export interface ReportField {
  /** Usages from the outermost collection to the field itself, each as page << 16 | id. */
  path: number[];
  reportId: number;
  type: ReportType;
  /** Bit offset after the report ID byte. */
  offset: number;
  /** Size in bits. */
  size: number;
  logicalMin: number;
  logicalMax: number;
  /** Undefined when the descriptor set none (physical = logical then). */
  physicalMin: number | undefined;
  physicalMax: number | undefined;
  unit: number;
  /** -8…7, decoded from the 4-bit nibble. */
  unitExponent: number;
  /** Variable (one value per field) or array (the value is an index into the usages). */
  variable: boolean;
  /** Constant (padding) fields are kept so offsets stay right, but flagged. */
  constant: boolean;
}

interface Globals {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  physicalMin: number | undefined;
  physicalMax: number | undefined;
  unitExponent: number;
  unit: number;
  reportSize: number;
  reportId: number;
  reportCount: number;
}

const MAIN = { INPUT: 0x8, OUTPUT: 0x9, FEATURE: 0xb, COLLECTION: 0xa, END_COLLECTION: 0xc };
const GLOBAL = {
  USAGE_PAGE: 0,
  LOGICAL_MIN: 1,
  LOGICAL_MAX: 2,
  PHYSICAL_MIN: 3,
  PHYSICAL_MAX: 4,
  UNIT_EXPONENT: 5,
  UNIT: 6,
  REPORT_SIZE: 7,
  REPORT_ID: 8,
  REPORT_COUNT: 9,
  PUSH: 10,
  POP: 11,
};
const LOCAL = { USAGE: 0, USAGE_MIN: 1, USAGE_MAX: 2 };
/**
 * Limits on what one descriptor may declare, far beyond any UPS (NUT keeps 500 fields and
 * paths of 10): a hostile or broken descriptor of a few KB could otherwise ask for millions of
 * fields or usages.
 */
export const MAX_FIELDS = 16_384;
/** Collections open at once. */
export const MAX_COLLECTION_DEPTH = 32;
/** Usages gathered by the local items before one main item. */
export const MAX_USAGES = 65_536;

/** Path node of an indexed collection: 0x00FF0000 + n, rendered `[n]`. */
export const INDEX_USAGE = 0x00ff0000;

/** 4-bit two's complement, as HID encodes unit exponents. */
export function decodeExponent(nibble: number): number {
  const value = nibble & 0x0f;
  return value >= 8 ? value - 16 : value;
}

/**
 * Parses a HID report descriptor into its report fields (HID 1.11 §6.2.2): main, global and
 * local items, push/pop, report IDs (each report ID and type has its own bit offsets), usage
 * pages and 32-bit extended usages, logical and physical ranges, units and exponents, arrays
 * and variables, nested collections. Throws HidDescriptorError on malformed input, and on one
 * that declares more than {@link MAX_FIELDS} fields, {@link MAX_USAGES} usages before a main item
 * or {@link MAX_COLLECTION_DEPTH} nested collections.
 */
export function parseReportDescriptor(bytes: Uint8Array): ReportField[] {
  const fields: ReportField[] = [];
  let globals: Globals = {
    usagePage: 0,
    logicalMin: 0,
    logicalMax: 0,
    physicalMin: undefined,
    physicalMax: undefined,
    unitExponent: 0,
    unit: 0,
    reportSize: 0,
    reportId: 0,
    reportCount: 0,
  };
  const stack: Globals[] = [];
  /** Open collections, each as the path nodes it adds (its usage, and an index for 0x80+). */
  const collections: number[][] = [];
  let usages: number[] = [];
  let usageMin: number | undefined;
  const offsets = new Map<string, number>();
  const extended = (item: { data: number; size: number }) =>
    item.size === 4 ? item.data : globals.usagePage * 0x10000 + item.data;

  for (const item of readItems(bytes)) {
    if (item.kind === 'global') {
      switch (item.tag) {
        case GLOBAL.USAGE_PAGE:
          globals.usagePage = item.data;
          break;
        case GLOBAL.LOGICAL_MIN:
          globals.logicalMin = item.signed;
          break;
        // A maximum is read unsigned when the minimum is not negative (common firmware practice).
        case GLOBAL.LOGICAL_MAX:
          globals.logicalMax = globals.logicalMin < 0 ? item.signed : item.data;
          break;
        case GLOBAL.PHYSICAL_MIN:
          globals.physicalMin = item.signed;
          break;
        case GLOBAL.PHYSICAL_MAX:
          globals.physicalMax = (globals.physicalMin ?? 0) < 0 ? item.signed : item.data;
          break;
        case GLOBAL.UNIT_EXPONENT:
          globals.unitExponent = decodeExponent(item.data);
          break;
        case GLOBAL.UNIT:
          globals.unit = item.data;
          break;
        case GLOBAL.REPORT_SIZE:
          globals.reportSize = item.data;
          break;
        case GLOBAL.REPORT_ID:
          globals.reportId = item.data;
          break;
        case GLOBAL.REPORT_COUNT:
          globals.reportCount = item.data;
          break;
        case GLOBAL.PUSH:
          stack.push({ ...globals });
          break;
        case GLOBAL.POP: {
          const popped = stack.pop();
          if (!popped) throw new HidDescriptorError(`Pop without Push at byte ${item.at}`);
          globals = popped;
          break;
        }
      }
      continue;
    }
    if (item.kind === 'local') {
      if (item.tag === LOCAL.USAGE) usages.push(extended(item));
      else if (item.tag === LOCAL.USAGE_MIN) usageMin = extended(item);
      else if (item.tag === LOCAL.USAGE_MAX && usageMin !== undefined) {
        const max = extended(item);
        if (max - usageMin > 0xffff || usages.length + (max - usageMin) >= MAX_USAGES)
          throw new HidDescriptorError(`usage range too large at byte ${item.at}`);
        for (let u = usageMin; u <= max; u++) usages.push(u);
        usageMin = undefined;
      }
      continue;
    }
    // main items
    if (item.tag === MAIN.COLLECTION) {
      // Collection types 0x80-0xFF are vendor-defined; UPS firmware uses them to number
      // repeated collections (outlets, flows), which NUT shows as `[n]` (usage 0x00FF0000 + n).
      const kind = item.data & 0xff;
      if (collections.length >= MAX_COLLECTION_DEPTH)
        throw new HidDescriptorError(
          `collections nested deeper than ${MAX_COLLECTION_DEPTH} at byte ${item.at}`,
        );
      collections.push(
        kind >= 0x80 ? [usages[0] ?? 0, INDEX_USAGE + (kind & 0x7f)] : [usages[0] ?? 0],
      );
    } else if (item.tag === MAIN.END_COLLECTION) {
      if (collections.length === 0)
        throw new HidDescriptorError(`End Collection without Collection at byte ${item.at}`);
      collections.pop();
    } else if (item.tag === MAIN.INPUT || item.tag === MAIN.OUTPUT || item.tag === MAIN.FEATURE) {
      const type: ReportType =
        item.tag === MAIN.INPUT ? 'input' : item.tag === MAIN.OUTPUT ? 'output' : 'feature';
      const key = `${type}:${globals.reportId}`;
      let offset = offsets.get(key) ?? 0;
      const constant = (item.data & 0x01) !== 0;
      const variable = (item.data & 0x02) !== 0;
      const count = Math.min(globals.reportCount, 4096);
      if (fields.length + count > MAX_FIELDS)
        throw new HidDescriptorError(`more than ${MAX_FIELDS} report fields at byte ${item.at}`);
      for (let n = 0; n < count; n++) {
        const usage = variable ? (usages[n] ?? usages.at(-1)) : usages[0];
        fields.push({
          path: [...collections.flat(), ...(usage === undefined ? [] : [usage])],
          reportId: globals.reportId,
          type,
          offset,
          size: globals.reportSize,
          logicalMin: globals.logicalMin,
          logicalMax: globals.logicalMax,
          physicalMin: globals.physicalMin,
          physicalMax: globals.physicalMax,
          unit: globals.unit,
          unitExponent: globals.unitExponent,
          variable,
          constant,
        });
        offset += globals.reportSize;
      }
      offsets.set(key, offset);
    }
    usages = [];
    usageMin = undefined;
  }
  if (collections.length > 0)
    throw new HidDescriptorError(`${collections.length} collection(s) not closed`);
  return fields;
}
