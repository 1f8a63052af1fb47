import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { findBin } from './bins.js';
import { ManagedProcess } from './managed-process.js';

interface SimState {
  mains: boolean;
  beeper: boolean;
  charge: number;
  output: boolean;
  shutdownPending: boolean;
}

/**
 * A simulated Megatec UPS (our `megatec-sim` program on a TCP port) read by our `nutdrv_qx`.
 * Time runs 60 times faster in the simulator, so its minute-based shutdown delays take seconds.
 */
export class MegatecSimUps {
  private waiters: Array<(state: SimState) => void> = [];
  state: SimState | undefined;

  private constructor(
    readonly process: ManagedProcess,
    readonly port: number,
  ) {
    createInterface({ input: process.child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      this.state = JSON.parse(line) as SimState;
      for (const waiter of this.waiters.splice(0)) waiter(this.state);
    });
  }

  static async start(dir: string, env: NodeJS.ProcessEnv): Promise<MegatecSimUps> {
    const proc = new ManagedProcess(
      'megatec-sim',
      findBin('megatec-sim'),
      ['--tcp', '0', '--time-scale', '60', '--drain', '0'],
      {
        env,
        logFile: join(dir, 'megatec-sim.log'),
        stdin: true,
      },
    );
    await proc.waitForOutput(/listening on 127\.0\.0\.1:\d+/);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(proc.output())![1]);
    return new MegatecSimUps(proc, port);
  }

  /** Sends a control line (`mains off`, `charge 15`...) and resolves with the new state. */
  control(line: string): Promise<SimState> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.process.child.stdin!.write(`${line}\n`);
    });
  }

  /** Resolves when the UPS output is `on` (polling the simulator, which has no push). */
  async waitForOutput(on: boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.control('status');
      if (state.output === on) return;
      if (Date.now() > deadline)
        throw new Error(`UPS output still ${on ? 'off' : 'on'} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
