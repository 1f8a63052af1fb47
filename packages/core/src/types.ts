/** Flags a driver sets on a variable (driver socket `SETFLAGS`, network `GET TYPE`). */
export interface VarFlags {
  /** Writable through SET VAR. */
  rw: boolean;
  /** A string of at most `aux` characters; otherwise a number. */
  string: boolean;
  /** Set by drivers that mark a value immediate (NUT `NUMBER` flag); informative only. */
  number: boolean;
}

/** One variable as held by a driver and mirrored by upsd. */
export interface VarInfo {
  name: string;
  value: string;
  flags: VarFlags;
  /** Maximum length for STRING variables (`SETAUX`); 0 when unset. */
  aux: number;
  /** Allowed values in driver order (`ADDENUM`). */
  enums: string[];
  /** Allowed inclusive ranges in driver order (`ADDRANGE`). */
  ranges: Array<{ min: number; max: number }>;
}

/** Result of a tracked SET or INSTCMD, as `GET TRACKING <id>` reports it. */
export type TrackingResult = 'PENDING' | 'SUCCESS' | 'UNKNOWN' | 'INVALID-ARGUMENT' | 'FAILED';

/** Role of an upsmon system for one UPS. */
export type MonitorRole = 'primary' | 'secondary';

/** Creates empty flags. */
export function emptyFlags(): VarFlags {
  return { rw: false, string: false, number: false };
}
