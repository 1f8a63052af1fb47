import { renameSync, writeFileSync } from 'node:fs';

/** The simulated UPS's data when it is fed by dummy-ups from a `.dev` file. */
export const ONLINE_VALUES: Record<string, string> = {
  'device.mfr': 'nut-ts',
  'device.model': 'Simulated UPS',
  'device.type': 'ups',
  'ups.mfr': 'nut-ts',
  'ups.model': 'Simulated UPS',
  'ups.status': 'OL CHRG',
  'battery.charge': '100',
  'battery.charge.low': '20',
  'battery.runtime': '1800',
  'input.voltage': '230.0',
  'output.voltage': '230.0',
  'ups.load': '30',
  'ups.delay.shutdown': '20',
  'ups.delay.start': '30',
};

/**
 * A UPS whose state is a `.dev` file read by dummy-ups, which re-reads it whenever it changes.
 * Each update rewrites the whole file so the driver never sees a half-written state.
 */
export class DevFileUps {
  private values: Record<string, string> = { ...ONLINE_VALUES };

  constructor(readonly file: string) {
    this.write();
  }

  get status(): string {
    return this.values['ups.status'] ?? '';
  }

  set(changes: Record<string, string>): void {
    this.values = { ...this.values, ...changes };
    this.write();
  }

  private write(): void {
    const text = Object.entries(this.values)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    writeFileSync(`${this.file}.tmp`, `${text}\n`);
    // rename is atomic: the driver sees the old file or the new one, never a mix.
    renameSync(`${this.file}.tmp`, this.file);
  }
}
