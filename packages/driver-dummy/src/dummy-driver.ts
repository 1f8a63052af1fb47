import { statSync, watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { TimerHandle } from '@nut-ts/core';
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
/** A change of the file is read this long after its last event: a file written in steps is read once. */
const SETTLE_MS = 20;

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
  /** Stops following the file (dummy-once). */
  private unwatch: (() => void) | undefined;

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
    if (this.mode === 'dummy-once') this.watchFile(ctx);
    await this.load(ctx);
  }

  /**
   * dummy-once: an edit of the file is read at once (NUT's dummy-ups waits for the next poll),
   * so a rehearsal's low battery reaches upsd in milliseconds. The directory is watched, so a
   * file replaced by rename (editors, atomic writes) is still followed. Polling goes on
   * regardless: where the file system cannot be watched, nothing else changes.
   */
  private watchFile(ctx: DriverContext): void {
    if (this.unwatch) return;
    const name = basename(this.file);
    let settle: TimerHandle | undefined;
    let watcher: FSWatcher;
    try {
      watcher = watch(dirname(this.file), { persistent: false }, (_event, file) => {
        if (file !== null && file !== name) return;
        if (settle) ctx.clock.clearTimeout(settle);
        settle = ctx.clock.setTimeout(() => ctx.requestUpdate?.(), SETTLE_MS);
      });
    } catch (error) {
      ctx.logger.info({ err: (error as Error).message }, 'cannot watch the file: polling only');
      return;
    }
    this.unwatch = () => {
      if (settle) ctx.clock.clearTimeout(settle);
      watcher.close();
    };
    watcher.on('error', (error) => {
      ctx.logger.warn({ err: error.message }, 'cannot watch the file any more: polling only');
      void this.close();
    });
  }

  async close(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
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
