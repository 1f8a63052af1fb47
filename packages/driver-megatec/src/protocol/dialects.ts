/** One Megatec dialect nutdrv_qx knows: its status query and what else it answers. */
export interface Dialect {
  /** The `protocol =` value. */
  name: string;
  /** Published as driver.version.data. */
  label: string;
  /** Status query; every dialect here answers in the Q1 format. */
  status: 'Q1' | 'QS' | 'D';
  /** Answers F (ratings) and I (vendor). The bare `q1` fallback has neither. */
  full: boolean;
}

/** In NUT's detection order: the fallback `q1` (Q1 alone) comes last. */
export const DIALECTS: readonly Dialect[] = [
  { name: 'mustek', label: 'Mustek', status: 'QS', full: true },
  { name: 'megatec/old', label: 'Megatec/old', status: 'D', full: true },
  { name: 'megatec', label: 'Megatec', status: 'Q1', full: true },
  { name: 'q1', label: 'Q1', status: 'Q1', full: false },
];

/** The dialect named by `protocol =` (case ignored), or undefined. */
export function findDialect(name: string): Dialect | undefined {
  return DIALECTS.find((dialect) => dialect.name === name.toLowerCase());
}
