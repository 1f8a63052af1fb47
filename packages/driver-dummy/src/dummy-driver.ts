import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { DRIVER_TRACKING } from '@nut-ts/protocol';
import type { Driver, DriverContext } from '@nut-ts/driver-kit';
import { parseDummyFile, type DummyStep } from './dummy-file.js';

/** Values every dummy UPS starts with, before its file is read (as NUT's dummy-ups). */
const DEFAULTS: Record<string, string> = {
  'ups.mfr': 'Dummy Manufacturer',
  'ups.model': 'Dummy UPS',
  'ups.status': 'OL',
};

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/**
 * dummy-ups in `dummy-once` (re-read the file when it changes; default for .dev) and
 * `dummy-loop` (play the file, honouring TIMER, and start over; default for .seq) modes.
 */
export class DummyDriver implements Driver {
  private readonly file: string;
  private readonly mode: 'dummy-once' | 'dummy-loop';
  private mtimeMs = -1;
  private steps: DummyStep[] = [];
  private position = 0;
  private waitMs: number | undefined;
  private alarm: string | undefined;

  constructor(ctx: DriverContext) {
    const port = ctx.options.port ?? '';
    this.file = isAbsolute(port) ? port : join(ctx.confDir, port);
    const mode = ctx.options.mode;
    this.mode =
      mode === 'dummy-loop' || mode === 'dummy' || (!mode && port.endsWith('.seq'))
        ? 'dummy-loop'
        : 'dummy-once';
  }

  async init(ctx: DriverContext): Promise<void> {
    ctx.store.setInfo('driver.parameter.mode', this.mode);
    ctx.store.setInfo('device.type', 'ups');
    for (const [name, value] of Object.entries(DEFAULTS)) this.set(ctx, name, value);
    ctx.store.addCmd('load.off');
    await this.load(ctx);
  }

  async update(ctx: DriverContext): Promise<void> {
    if (this.mode === 'dummy-once') {
      // A synchronous stat of a local file costs less than a thread-pool round trip, which
      // would wake the idle driver a second time each poll.
      const { mtimeMs } = statSync(this.file);
      if (mtimeMs !== this.mtimeMs) await this.load(ctx);
      return;
    }
    this.play(ctx);
  }

  nextUpdateMs(): number | undefined {
    const wait = this.waitMs;
    this.waitMs = undefined;
    return wait;
  }

  async instcmd(): Promise<number> {
    // NUT's dummy-ups accepts load.off but cannot do anything with it.
    return DRIVER_TRACKING.UNKNOWN;
  }

  async setvar(name: string, value: string, ctx: DriverContext): Promise<number> {
    if (name.toLowerCase().startsWith('driver.')) return DRIVER_TRACKING.INVALID_ARGUMENT;
    this.set(ctx, name, value);
    return DRIVER_TRACKING.SUCCESS;
  }

  private async load(ctx: DriverContext): Promise<void> {
    const [text, info] = await Promise.all([readFile(this.file, 'latin1'), stat(this.file)]);
    this.mtimeMs = info.mtimeMs;
    const { steps, problems } = parseDummyFile(text);
    for (const problem of problems) ctx.logger.warn(`${this.file}: ${problem}`);
    this.steps = steps;
    this.position = 0;
    this.alarm = undefined;
    if (this.mode === 'dummy-once') this.play(ctx);
  }

  /** Applies steps until a TIMER (loop mode) or the end of the file. */
  private play(ctx: DriverContext): void {
    if (this.position >= this.steps.length) {
      this.position = 0;
      // End of a loop file: start over after a short pause, as NUT's dummy-ups does.
      if (this.mode === 'dummy-loop' && this.steps.length > 0) {
        this.waitMs = 1000;
        return;
      }
    }
    while (this.position < this.steps.length) {
      const step = this.steps[this.position++]!;
      if (step.kind === 'timer') {
        if (this.mode === 'dummy-loop') {
          this.waitMs = step.seconds * 1000;
          return;
        }
        continue;
      }
      if (step.kind === 'alarm') {
        this.alarm = step.text;
        this.applyStatus(ctx, ctx.store.getInfo('ups.status') ?? 'OL');
        continue;
      }
      if (step.value === '') ctx.store.delInfo(step.name);
      else if (step.name.toLowerCase() === 'ups.status') this.applyStatus(ctx, step.value);
      else this.set(ctx, step.name, step.value);
    }
  }

  private applyStatus(ctx: DriverContext, value: string): void {
    ctx.status.init();
    ctx.status.set(value.replace(/\bALARM\b/g, ''));
    if (this.alarm) ctx.status.alarm(this.alarm);
    ctx.status.commit();
    this.flag(ctx, 'ups.status');
  }

  /** Sets a value; like NUT's dummy-ups, every variable but driver.* is writable. */
  private set(ctx: DriverContext, name: string, value: string): void {
    ctx.store.setInfo(name, value);
    this.flag(ctx, name);
  }

  private flag(ctx: DriverContext, name: string): void {
    const value = ctx.store.getInfo(name) ?? '';
    if (NUMERIC.test(value)) ctx.store.setFlags(name, { rw: true });
    else {
      ctx.store.setAux(name, 32);
      ctx.store.setFlags(name, { rw: true, string: true });
    }
  }
}
