import {
  formatRatings,
  formatVendorInfo,
  type Ratings,
  type VendorInfo,
  type VendorLayout,
} from '../protocol/info.js';
import { formatQ1 } from '../protocol/q1.js';
import { UpsModel, type ModelOptions, type Restore } from './ups-model.js';

export interface SimulatorOptions extends ModelOptions {
  /** Unknown commands: echo them (the Megatec convention, default) or stay silent. */
  unknown?: 'echo' | 'silent';
  /** Status queries the unit answers (its dialect). Default ['Q1']. */
  statusQueries?: ReadonlyArray<'Q1' | 'QS' | 'D'>;
  /** Whether F and I are answered (a bare Q1 unit answers neither). Default true. */
  answersInfo?: boolean;
  /** Battery voltage reported for the whole battery (26.0) or per cell (2.17). Default total. */
  batteryReport?: 'total' | 'cell';
  /** The F reply; default 230 V, 4 A, 24 V battery, 50 Hz. */
  ratings?: Ratings;
  /** The I reply; default nut-ts SIM-1000 v1.0. */
  vendor?: VendorInfo;
  vendorLayout?: VendorLayout;
  /** An on-line (double conversion) unit; default a line-interactive one. */
  online?: boolean;
}

/** Fault switches for tests: what a misbehaving UPS or cable does. */
export interface Faults {
  /** Answer nothing at all (unplugged cable). */
  silent: boolean;
  /** Answer with junk bytes. */
  garbage: boolean;
  /** Echo every command back (a UPS that refuses everything). */
  echoAll: boolean;
  /** Milliseconds before each reply (a slow UPS or line). */
  delayMs: number;
}

/**
 * A behavioural Megatec/Q1 UPS: the {@link UpsModel} answering Q1 (or QS/D), F and I, and
 * carrying out Q, T, TL, T<nn>, CT, C and S<n>[R<m>]. `S<n>` cuts the output after n minutes
 * (`.2`…`.9` are tenths) and the output returns as soon as mains are present; with `R<m>`, m
 * minutes after they are (the count restarts if they fail again); `R0000` stays off until `C`.
 * Dead (no output, no mains) it answers nothing. It records every command it received.
 */
export class MegatecUps extends UpsModel {
  readonly faults: Faults = { silent: false, garbage: false, echoAll: false, delayMs: 0 };
  /** Every command received, in order, without its CR (the oldest dropped past 10 000). */
  readonly received: string[] = [];
  private readonly protocol: Required<Omit<SimulatorOptions, keyof ModelOptions>>;

  constructor(options: SimulatorOptions = {}) {
    super(options);
    this.protocol = {
      unknown: options.unknown ?? 'echo',
      statusQueries: options.statusQueries ?? ['Q1'],
      answersInfo: options.answersInfo ?? true,
      batteryReport: options.batteryReport ?? 'total',
      ratings: options.ratings ?? {
        inputVoltage: 230,
        inputCurrent: 4,
        batteryVoltage: 24,
        inputFrequency: 50,
      },
      vendor: options.vendor ?? { manufacturer: 'nut-ts', model: 'SIM-1000', firmware: 'v1.0' },
      vendorLayout: options.vendorLayout ?? 'classic',
      online: options.online ?? false,
    };
  }

  /** The reply to one command (without its CR); undefined = no reply. */
  reply(command: string): string | undefined {
    this.received.push(command);
    if (this.received.length > 10_000) this.received.splice(0, 5_000);
    if (this.faults.silent || this.asleep) return undefined;
    if (this.faults.garbage) return '\x00\xff#(garbage';
    if (this.faults.echoAll) return command;
    const { statusQueries, answersInfo, ratings, vendor, vendorLayout, unknown } = this.protocol;
    if ((statusQueries as readonly string[]).includes(command)) return this.status();
    if (answersInfo && command === 'F') return formatRatings(ratings);
    if (answersInfo && command === 'I') return formatVendorInfo(vendor, vendorLayout);
    if (this.control(command)) return undefined;
    return unknown === 'silent' ? undefined : command;
  }

  /** Carries out a control command; false when it is not one. */
  private control(command: string): boolean {
    const test = /^T(L|\d\d)?$/.exec(command);
    const shutdown = /^S(\.\d|\d\d)(?:R(\d{4}))?$/.exec(command);
    if (command === 'Q') this.toggleBeeper();
    else if (command === 'CT') this.stopTest();
    else if (command === 'C') this.cancelShutdown();
    else if (test) {
      const kind = test[1];
      this.startTest(kind === undefined ? 'quick' : kind === 'L' ? 'low' : Number(kind));
    } else if (shutdown) {
      const [, delay = '', ret] = shutdown;
      const minutes = Number(delay.startsWith('.') ? `0${delay}` : delay);
      const restore: Restore =
        ret === undefined
          ? { afterMinutes: 0 }
          : Number(ret) === 0
            ? 'never'
            : { afterMinutes: Number(ret) };
      this.scheduleShutdown(minutes, restore);
    } else return false;
    return true;
  }

  private status(): string {
    const { mains, inputVoltage: vi, output, charge, load } = this.read();
    const nominal = this.protocol.ratings.batteryVoltage;
    // Linear between NUT's guessed limits (10.4 V and 13.0 V per 12 V block), so a driver
    // that guesses them reads back the simulator's own charge.
    const total = ((104 + (26 * charge) / 100) * nominal) / 120;
    const regulating = mains && output && (vi < 215 || vi > 245);
    const outputVoltage = !output
      ? 0
      : !mains
        ? 230
        : regulating
          ? vi * (vi < 215 ? 1.12 : 0.9)
          : vi;
    return formatQ1({
      inputVoltage: mains ? vi : 0,
      inputFaultVoltage: 140,
      outputVoltage,
      load: output ? load : 0,
      inputFrequency: 50,
      batteryVoltage: this.protocol.batteryReport === 'cell' ? total / (nominal / 2) : total,
      temperature: 31,
      bits: [
        !mains,
        this.discharging && charge < this.lowBattery,
        regulating,
        this.failed,
        !this.protocol.online,
        this.testing,
        this.shutdownPending,
        this.beeper,
      ],
    });
  }

  /** The state as the control protocol prints it. */
  snapshot(): Record<string, number | boolean> {
    const { mains, charge, load, output } = this.read();
    return {
      mains,
      charge: Math.round(charge * 10) / 10,
      load,
      output,
      shutdownPending: this.shutdownPending,
      beeper: this.beeper,
      testing: this.testing,
      asleep: this.asleep,
      time: Math.round(this.time * 10) / 10,
      received: this.received.length,
    };
  }
}
