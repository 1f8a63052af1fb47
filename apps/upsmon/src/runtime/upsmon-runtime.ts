import { systemClock, type Clock, type Logger, type TimerHandle } from '@nut-ts/core';
import type { UpsmonConf } from '@nut-ts/config';
import type { TlsOptions } from '@nut-ts/client';
import { readFileSync } from 'node:fs';
import { UpsmonMachine } from '../state-machine/machine.js';
import type { MachineAction, MachineEvent } from '../state-machine/types.js';
import { MonitorConnection } from './monitor-connection.js';
import { Notifier } from './notifier.js';
import { runShellCommand, writePowerDownFlag } from './shutdown.js';

export interface UpsmonDeps {
  logger: Logger;
  clock?: Clock;
  /** Log decisions and the commands that would run; run nothing, send no FSD. */
  dryRun?: boolean;
  /** Called with the exit code when upsmon should end (after SHUTDOWNCMD). */
  exit: (code: number) => void;
  /** Flushes buffered logs before SHUTDOWNCMD runs. */
  flushLogs?: () => void;
  /** Per-request timeout towards upsd (ms). Default 5000. */
  requestTimeoutMs?: number;
  runCommand?: (command: string) => Promise<{ code: number; output: string }>;
}

const SHUTDOWN_TICK_MS = 250;

function tlsOptions(conf: UpsmonConf): TlsOptions {
  if (!conf.certPath && !conf.forceSsl) return { mode: 'off' };
  const ca = conf.certPath ? readFileSync(conf.certPath) : undefined;
  return { mode: conf.forceSsl ? 'force' : 'try', verify: conf.certVerify, ...(ca && { ca }) };
}

/** The upsmon daemon: connections, the poll loop, and carrying out the machine's actions. */
export class UpsmonRuntime {
  private machine: UpsmonMachine;
  private connections: MonitorConnection[];
  private notifier: Notifier;
  private timer: TimerHandle | undefined;
  private stopped = false;
  private readonly clock: Clock;

  constructor(
    private conf: UpsmonConf,
    private readonly deps: UpsmonDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.machine = new UpsmonMachine(conf, this.clock.now());
    this.connections = this.connect(conf);
    this.notifier = new Notifier(conf, deps.logger, deps.dryRun ?? false);
  }

  get state(): UpsmonMachine {
    return this.machine;
  }

  start(): void {
    void this.round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    await Promise.all(this.connections.map((c) => c.close()));
  }

  /** SIGUSR1 / `upsmon -c fsd`. */
  requestFsd(): void {
    this.feed({ type: 'fsd-request', at: this.clock.now() });
    this.scheduleShutdownTicks();
  }

  /** SIGHUP: new MONITOR lines and settings; state of kept UPSes starts fresh. */
  reload(conf: UpsmonConf): void {
    if (this.machine.shuttingDown) {
      this.deps.logger.warn('reload ignored: shutdown in progress');
      return;
    }
    for (const connection of this.connections) connection.drop();
    this.conf = conf;
    this.machine = new UpsmonMachine(conf, this.clock.now());
    this.connections = this.connect(conf);
    this.notifier = new Notifier(conf, this.deps.logger, this.deps.dryRun ?? false);
    this.deps.logger.info({ monitors: conf.monitors.length }, 'configuration reloaded');
  }

  private connect(conf: UpsmonConf): MonitorConnection[] {
    return conf.monitors.map(
      (monitor) =>
        new MonitorConnection(monitor, {
          requestTimeoutMs: this.deps.requestTimeoutMs ?? 5000,
          tls: tlsOptions(conf),
          logger: this.deps.logger.child({ ups: monitor.system }),
        }),
    );
  }

  private async round(): Promise<void> {
    if (this.stopped || this.machine.shuttingDown) return;
    const results = await Promise.all(this.connections.map((c) => c.poll(() => this.clock.now())));
    for (const event of results.flat()) this.feed(event);
    this.feed({ type: 'tick', at: this.clock.now() });
    if (this.machine.shuttingDown) this.scheduleShutdownTicks();
    else if (!this.stopped)
      this.timer = this.clock.setTimeout(() => void this.round(), this.machine.pollIntervalMs());
  }

  /** While shutting down: GET NUMLOGINS (primary) or plain ticks every 250 ms. */
  private scheduleShutdownTicks(): void {
    if (this.stopped || this.machine.currentPhase === 'shut-down') return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      void this.shutdownTick().then(() => this.scheduleShutdownTicks());
    }, SHUTDOWN_TICK_MS);
  }

  private async shutdownTick(): Promise<void> {
    if (this.machine.currentPhase === 'hostsync') {
      const primaries = this.connections.filter((c) => c.monitor.role === 'primary');
      const counts = await Promise.all(primaries.map((c) => c.numLogins()));
      this.feed({ type: 'numlogins', count: Math.max(0, ...counts), at: this.clock.now() });
    } else {
      this.feed({ type: 'tick', at: this.clock.now() });
    }
  }

  private feed(event: MachineEvent): void {
    for (const action of this.machine.handle(event)) this.perform(action);
  }

  private perform(action: MachineAction): void {
    const { logger } = this.deps;
    switch (action.type) {
      case 'notify':
        this.notifier.notify(action.notify, action.system, action.extra);
        break;
      case 'log':
        logger[action.level]({ ups: action.system }, action.message);
        break;
      case 'send-fsd': {
        const connection = this.connections.find((c) => c.monitor.system === action.system);
        if (this.deps.dryRun) logger.info({ dryRun: true, ups: action.system }, 'would send FSD');
        else {
          logger.warn({ ups: action.system }, 'setting FSD on the UPS');
          void connection
            ?.fsd()
            .catch((error: Error) =>
              logger.error({ ups: action.system, err: error.message }, 'FSD failed'),
            );
        }
        break;
      }
      case 'watch-numlogins':
        logger.info('waiting for secondaries to log out (HOSTSYNC)');
        break;
      case 'shutdown':
        void this.shutdown();
        break;
    }
  }

  private async shutdown(): Promise<void> {
    const { logger, dryRun } = this.deps;
    const flag = this.conf.powerDownFlag;
    const command = this.conf.shutdownCmd;
    if (dryRun) {
      logger.warn(
        { dryRun: true, powerDownFlag: flag, command },
        'would write POWERDOWNFLAG and run SHUTDOWNCMD',
      );
      return;
    }
    if (flag) {
      try {
        writePowerDownFlag(flag);
      } catch (error) {
        logger.error({ file: flag, err: (error as Error).message }, 'cannot write POWERDOWNFLAG');
      }
    }
    logger.warn({ command }, 'executing SHUTDOWNCMD');
    this.deps.flushLogs?.();
    if (command) {
      const result = await (this.deps.runCommand ?? runShellCommand)(command);
      logger.warn({ code: result.code, output: result.output.trim() }, 'SHUTDOWNCMD finished');
    } else {
      logger.error('no SHUTDOWNCMD configured: this host cannot shut itself down');
    }
    this.deps.flushLogs?.();
    const exit = this.conf.shutdownExit;
    if (exit === false) return;
    const linger = exit === true ? 0 : exit * 1000;
    this.clock.setTimeout(() => {
      for (const connection of this.connections) connection.drop();
      this.stopped = true;
      this.deps.exit(0);
    }, linger);
  }
}
