import type { ReportField } from '../hid/descriptor-parser.js';
import { hidPath } from '../hid/usages.js';
import {
  GENERIC_COMMANDS,
  GENERIC_STATUS,
  GENERIC_VARS,
  type CommandEntry,
  type StatusEntry,
  type VarEntry,
} from './generic.js';

/** A vendor's mapping: names for its usages, its tables, and fixes for its descriptors. */
export interface Subdriver {
  name: string;
  vendorIds: number[];
  /** Names of vendor usages (page << 16 | id). */
  usageNames: Record<number, string>;
  vars: VarEntry[];
  status: StatusEntry[];
  commands: CommandEntry[];
  /** Default offdelay / ondelay in seconds. */
  delays: { off: number; on: number };
  /** Corrects fields the firmware declares wrongly (NUT's report-descriptor fix-ups). */
  fixFields?(fields: ReportField[], names: Record<number, string>): void;
}

const GENERIC: Subdriver = {
  name: 'generic',
  vendorIds: [],
  usageNames: {},
  vars: GENERIC_VARS,
  status: GENERIC_STATUS,
  commands: GENERIC_COMMANDS,
  delays: { off: 20, on: 30 },
};

/** APC: vendor page 0xFF86; shutdown.return is one write of 1 to APCDelayBeforeReboot. */
const APC: Subdriver = {
  ...GENERIC,
  name: 'apc',
  vendorIds: [0x051d],
  usageNames: {
    0xff860005: 'APCGeneralCollection',
    0xff860052: 'APCLineFailCause',
    0xff860060: 'APCStatusFlag',
    0xff86007c: 'APCDelayBeforeReboot',
    0xff86007d: 'APCDelayBeforeShutdown',
    0xff86007e: 'APCDelayBeforeStartup',
  },
  vars: [
    ...GENERIC_VARS,
    { nut: 'input.transfer.reason', path: 'UPS.Input.APCLineFailCause', format: (v) => String(v) },
  ],
  commands: [
    { cmd: 'shutdown.return', path: 'UPS.Output.APCDelayBeforeReboot', value: 1 },
    ...GENERIC_COMMANDS,
  ],
};

/**
 * CyberPower: standard pages, but some firmware gives Output.Voltage (and Input.Voltage) the
 * logical limits of Input.HighVoltageTransfer; NUT widens them to 0…511. Longer default delays.
 */
const CYBERPOWER: Subdriver = {
  ...GENERIC,
  name: 'cyberpower',
  vendorIds: [0x0764],
  delays: { off: 60, on: 120 },
  fixFields(fields, names) {
    const byPath = (path: string) => fields.filter((f) => hidPath(f.path, names) === path);
    const transfer = byPath('UPS.Input.HighVoltageTransfer')[0];
    if (!transfer) return;
    for (const path of ['UPS.Output.Voltage', 'UPS.Input.Voltage']) {
      for (const field of byPath(path)) {
        if (field.logicalMin === transfer.logicalMin && field.logicalMax === transfer.logicalMax) {
          field.logicalMin = 0;
          field.logicalMax = 511;
        }
      }
    }
  },
};

/** Eaton/MGE devices follow the standard pages closely: the generic tables serve them. */
const MGE: Subdriver = { ...GENERIC, name: 'mge', vendorIds: [0x0463] };

export const SUBDRIVERS: readonly Subdriver[] = [APC, CYBERPOWER, MGE, GENERIC];

/** The subdriver for a device: ups.conf `subdriver` (a regex on the name), else by vendor ID. */
export function pickSubdriver(vendorId: number, wanted?: string): Subdriver {
  if (wanted) {
    const match = SUBDRIVERS.find((s) => new RegExp(`^(?:${wanted})$`, 'i').test(s.name));
    if (match) return match;
  }
  return SUBDRIVERS.find((s) => s.vendorIds.includes(vendorId)) ?? GENERIC;
}
