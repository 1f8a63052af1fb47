import type { ReportField } from '../hid/descriptor-parser.js';
import type { CommandEntry, StatusEntry, VarEntry } from './generic.js';

/** What a vendor's value fix-up may look at. */
export interface AdjustContext {
  productId: number;
  /** A variable already published (this walk or earlier). */
  get(name: string): string | undefined;
  /** Decisions a fix-up takes once and keeps (NUT decides the CPS battery scale once). */
  memo: Map<string, number>;
}

/** A vendor's mapping: names for its usages, its tables, and fixes for its firmware. */
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
  /** Default pollfreq, seconds between full updates (when absent: NUT's 30). */
  pollFreq?: number;
  /** Corrects fields the firmware declares wrongly (NUT's report-descriptor fix-ups). */
  fixFields?(fields: ReportField[], names: Record<number, string>): void;
  /** Corrects a value the firmware reports wrongly, before it is formatted. */
  adjust?(nut: string, value: number, ctx: AdjustContext): number;
}
