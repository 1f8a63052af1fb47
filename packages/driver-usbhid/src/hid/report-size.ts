import type { ReportField } from './descriptor-parser.js';

/**
 * Report buffers (with their ID byte) needed to read every field of one report, or of the
 * largest report of that type (`reportId` undefined: the `maxreport` option).
 */
export function reportLength(
  fields: readonly ReportField[],
  reportId: number | undefined,
  type: ReportField['type'],
): number {
  const bits = Math.max(
    0,
    ...fields
      .filter((f) => (reportId === undefined || f.reportId === reportId) && f.type === type)
      .map((f) => f.offset + f.size),
  );
  return 1 + Math.ceil(bits / 8);
}

/** Whether a report buffer (ID byte first) holds every bit of `field`. */
export const holds = (report: Uint8Array, field: ReportField): boolean =>
  field.offset + field.size <= (report.length - 1) * 8;
