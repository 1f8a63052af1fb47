import { noopLogger, systemClock } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { MegatecDriver, parseMegatecOptions } from '@nut-ts/driver-megatec';
import { MegatecUps, SimulatorBinding } from '@nut-ts/driver-megatec/mock';
import { summary } from './process-stats.js';

/** 2400 baud, 8N1: ten bits on the wire per byte. */
const BAUD = 2400;
const wireMs = (bytes: number) => ((bytes * 10) / BAUD) * 1000;

/**
 * One Megatec poll cycle of our nutdrv_qx (send Q1, parse the reply, update every variable and
 * the status) against the simulator on the real serial code path with no wire delay, so what is
 * left is the driver's own time; and the time the same exchange takes on a 2400 baud line.
 */
export async function megatecPollCycle(
  cycles: number,
): Promise<{ p50: number; p99: number; wireMs: number }> {
  const ups = new MegatecUps();
  const path = '/dev/ttyS0';
  const store = new StateStore();
  const ctx: DriverContext = {
    upsName: 'bench',
    store,
    status: new StatusBuilder(store),
    options: { port: path },
    flags: [],
    confDir: '/nonexistent',
    logger: noopLogger,
    clock: systemClock,
  };
  const driver = new MegatecDriver(parseMegatecOptions(ctx.options, [], 'bench'), {
    binding: new SimulatorBinding({ [path]: ups }),
    settleMs: 0,
  });
  try {
    await driver.init(ctx);
    for (let i = 0; i < 20; i++) await driver.update(ctx); // warm-up (JIT)
    const samples: number[] = [];
    for (let i = 0; i < cycles; i++) {
      const start = performance.now();
      await driver.update(ctx);
      samples.push(performance.now() - start);
    }
    const reply = ups.reply('Q1') ?? '';
    // "Q1\r" out, the reply and its CR back.
    return { ...summary(samples), wireMs: wireMs(3 + reply.length + 1) };
  } finally {
    await driver.close();
  }
}
