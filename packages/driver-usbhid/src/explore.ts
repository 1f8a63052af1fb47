import type { Logger } from '@nut-ts/core';
import type { ReportField } from './hid/descriptor-parser.js';
import { hidPath } from './hid/usages.js';
import { applyExponent, extractLogical, logicalToPhysical } from './hid/values.js';
import type { HidDevice } from './hid-device.js';

const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/**
 * The `explore` option: logs every field of the descriptor, one line each, as NUT's usbhid-ups
 * prints them (path, type, report ID, bit offset and size), with the value of Feature fields
 * read once. For writing the mapping of a UPS the driver does not know yet.
 */
export async function exploreDevice(
  device: HidDevice,
  fields: readonly ReportField[],
  names: Readonly<Record<number, string>>,
  logger: Logger,
): Promise<void> {
  const reports = new Map<number, Uint8Array | Error>();
  for (const field of fields) {
    let value: number | string | undefined;
    if (field.type === 'feature') {
      if (!reports.has(field.reportId)) {
        const bits = Math.max(
          ...fields
            .filter((f) => f.type === 'feature' && f.reportId === field.reportId)
            .map((f) => f.offset + f.size),
        );
        reports.set(
          field.reportId,
          await device
            .getFeatureReport(field.reportId, 1 + Math.ceil(bits / 8))
            .catch((error: Error) => error),
        );
      }
      const report = reports.get(field.reportId)!;
      value =
        report instanceof Error
          ? `unreadable: ${report.message}`
          : applyExponent(logicalToPhysical(extractLogical(report, field), field), field);
    }
    const path = hidPath(field.path, names);
    const type = field.type[0]!.toUpperCase() + field.type.slice(1);
    logger.info(
      { path, type, reportId: field.reportId, offset: field.offset, size: field.size, value },
      `Path: ${path}, Type: ${type}, ReportID: ${hex2(field.reportId)}, Offset: ${field.offset}, Size: ${field.size}${value === undefined ? '' : `, Value: ${value}`}`,
    );
  }
}
