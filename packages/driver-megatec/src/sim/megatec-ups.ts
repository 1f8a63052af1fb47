import { formatRatings, formatVendorInfo } from '../protocol/info.js';
import { formatQ1 } from '../protocol/q1.js';

export interface SimulatorOptions {
  /** Seconds of simulated time per real second (shutdown delays are minutes). Default 1. */
  timeScale?: number;
  /** Battery charge lost per simulated second on battery, in percent. Default 0.5. */
  drainPerSecond?: number;
  /** Unknown commands: echo them (Megatec convention) or stay silent. Default echo. */
  unknown?: 'echo' | 'silent';
  now?: () => number;
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

const NOMINAL_BATTERY = 24;

/**
 * A behavioural Megatec/Q1 UPS: mains, a battery that drains on battery and recharges on
 * line, load, beeper, self-test, and the shutdown timers (S<n>R<m>) that cut the output after
 * the delay and bring it back after mains return. It records every command it received.
 */
export class MegatecUps {
  mains = true;
  charge = 100;
  load = 23;
  beeper = true;
  testing = false;
  outputOn = true;
  readonly faults: Faults = { silent: false, garbage: false, echoAll: false, delayMs: 0 };
  readonly received: string[] = [];
  private shutdown: { offAt: number; returnMinutes: number | undefined } | undefined;
  private restoreAt: number | undefined;
  private returnMinutes: number | undefined;
  private last: number;
  private readonly timeScale: number;
  private readonly drain: number;
  private readonly now: () => number;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.timeScale = options.timeScale ?? 1;
    this.drain = options.drainPerSecond ?? 0.5;
    this.now = options.now ?? Date.now;
    this.last = this.now();
  }

  /** Moves the simulation to the present: battery, shutdown and return timers. */
  private advance(): void {
    const now = this.now();
    const seconds = ((now - this.last) / 1000) * this.timeScale;
    this.last = now;
    if (!this.mains && this.outputOn) this.charge = Math.max(0, this.charge - this.drain * seconds);
    if (this.mains) this.charge = Math.min(100, this.charge + seconds * 0.05);
    if (this.shutdown && now >= this.shutdown.offAt) {
      this.outputOn = false;
      const minutes = this.shutdown.returnMinutes;
      this.shutdown = undefined;
      if (minutes !== undefined && minutes > 0) this.returnMinutes = minutes;
    }
    // The return delay only starts once mains are back.
    if (this.returnMinutes !== undefined && this.mains && this.restoreAt === undefined) {
      this.restoreAt = now + ((this.returnMinutes * 60) / this.timeScale) * 1000;
    }
    if (this.restoreAt !== undefined && !this.mains) this.restoreAt = undefined;
    if (this.restoreAt !== undefined && now >= this.restoreAt) {
      this.outputOn = true;
      this.restoreAt = undefined;
      this.returnMinutes = undefined;
    }
  }

  get shutdownPending(): boolean {
    return this.shutdown !== undefined;
  }

  /** The reply to one command (without its CR); undefined = no reply. */
  reply(command: string): string | undefined {
    this.received.push(command);
    this.advance();
    if (this.faults.silent) return undefined;
    if (this.faults.garbage) return '\x00\xff#(garbage';
    if (this.faults.echoAll) return command;
    switch (command) {
      case 'Q1':
        return this.status();
      case 'F':
        return formatRatings({
          inputVoltage: 230,
          inputCurrent: 4,
          batteryVoltage: NOMINAL_BATTERY,
          inputFrequency: 50,
        });
      case 'I':
        return formatVendorInfo({ manufacturer: 'nut-ts', model: 'SIM-1000', firmware: 'v1.0' });
      case 'Q':
        this.beeper = !this.beeper;
        return undefined;
      case 'T':
      case 'TL':
        this.testing = true;
        return undefined;
      case 'CT':
        this.testing = false;
        return undefined;
      case 'C':
        this.shutdown = undefined;
        this.restoreAt = undefined;
        this.returnMinutes = undefined;
        this.outputOn = true;
        return undefined;
    }
    if (/^T\d\d$/.test(command)) {
      this.testing = true;
      return undefined;
    }
    const shutdown = /^S(\.[2-9]|\d\d)(?:R(\d{4}))?$/.exec(command);
    if (shutdown) {
      const minutes = shutdown[1]!.startsWith('.')
        ? Number(`0${shutdown[1]}`)
        : Number(shutdown[1]);
      const offAt = this.now() + ((minutes * 60) / this.timeScale) * 1000;
      this.shutdown = { offAt, returnMinutes: shutdown[2] === undefined ? 0 : Number(shutdown[2]) };
      if (minutes === 0) this.advance();
      return undefined;
    }
    return this.options.unknown === 'silent' ? undefined : command;
  }

  private status(): string {
    const low = this.charge < 20;
    const batteryVoltage = 20.8 + (5.2 * this.charge) / 100;
    return formatQ1({
      inputVoltage: this.mains ? 230.4 : 0,
      inputFaultVoltage: 140,
      outputVoltage: this.outputOn ? 229.8 : 0,
      load: this.outputOn ? this.load : 0,
      inputFrequency: 50,
      batteryVoltage,
      temperature: 31,
      bits: [
        !this.mains,
        low,
        false,
        false,
        true,
        this.testing,
        this.shutdown !== undefined,
        this.beeper,
      ],
    });
  }
}
