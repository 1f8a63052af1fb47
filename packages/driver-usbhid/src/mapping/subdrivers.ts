import { APC } from './apc.js';
import { CYBERPOWER } from './cyberpower.js';
import { GENERIC_COMMANDS, GENERIC_STATUS, GENERIC_VARS } from './generic.js';
import { MGE } from './mge.js';
import type { Subdriver } from './subdriver.js';

export type { AdjustContext, Subdriver } from './subdriver.js';

const GENERIC: Subdriver = {
  name: 'generic',
  vendorIds: [],
  usageNames: {},
  vars: GENERIC_VARS,
  status: GENERIC_STATUS,
  commands: GENERIC_COMMANDS,
  delays: { off: 20, on: 30 },
};

export const SUBDRIVERS: readonly Subdriver[] = [APC, CYBERPOWER, MGE, GENERIC];

/** The subdriver for a device: ups.conf `subdriver` (a regex on the name), else by vendor ID. */
export function pickSubdriver(vendorId: number, wanted?: string): Subdriver {
  if (wanted) {
    const match = SUBDRIVERS.find((s) => new RegExp(`^(?:${wanted})$`, 'i').test(s.name));
    if (match) return match;
  }
  return SUBDRIVERS.find((s) => s.vendorIds.includes(vendorId)) ?? GENERIC;
}
