import { monotonicNow, systemClock, type Clock, type Logger, type TimerHandle } from '@nut-ts/core';
import type { MonitorEntry, UpsmonConf } from '@nut-ts/config';
import type { TlsOptions } from '@nut-ts/client';
import { readFileSync } from 'node:fs';
import { UpsmonMachine } from '../state-machine/machine.js';
import type { MachineAction, MachineEvent } from '../state-machine/types.js';
import { MonitorConnection } from './monitor-connection.js';
import { CommandLauncher } from './launcher.js';
import { Notifier } from './notifier.js';
import { executeShutdown } from './shutdown.js';
import { StatusPush, pollsFor } from './status-push.js';

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
  /**
   * Set in the unprivileged monitoring child: asks the root parent to shut the host down
   * (it writes POWERDOWNFLAG and runs SHUTDOWNCMD). Unset: this process does both itself.
   */
  requestShutdown?: () => Promise<void>;
  /**
   * Follow the status changes a nut-ts upsd pushes with a poll at once (default true). false:
   * poll only at POLLFREQ / POLLFREQALERT, as NUT's upsmon does (`--no-push`).
   */
  push?: boolean;
}

/** One UPS's poll loop. */
interface PollLoop {
  /** When its latest poll started. */
  startedAt: number;
  /** The next poll's timer; unset while a poll is in flight. */
  timer: TimerHandle | undefined;
  /** A change was pushed while a poll was in flight: poll again as soon as it ends. */
  pushed: boolean;
}

const SHUTDOWN_TICK_MS = 250;
const KEEPALIVE_MS = 1000;
/** The shortest gap between the start of one poll and a poll a pushed change asks for. */
const PUSH_GAP_MS = 100;

function tlsOptions(conf: UpsmonConf): TlsOptions {
  if (!conf.certPath && !conf.forceSsl) return { mode: 'off' };
  const ca = conf.certPath ? readFileSync(conf.certPath) : undefined;
  return { mode: conf.forceSsl ? 'force' : 'try', verify: conf.certVerify, ...(ca && { ca }) };
}

/** Whether a session logged in for `a` is the one `b` needs. */
function sameSession(a: MonitorEntry, b: MonitorEntry): boolean {
  return (
    a.upsName === b.upsName &&
    a.host === b.host &&
    a.port === b.port &&
    a.username === b.username &&
    a.password === b.password &&
    a.role === b.role
  );
}

/** The upsmon daemon: connections, the poll loop, and carrying out the machine's actions. */
export class UpsmonRuntime {
  private machine: UpsmonMachine;
  private connections: MonitorConnection[];
  private notifier: Notifier;
  private readonly launcher: CommandLauncher;
  /** The next keep-alive after SHUTDOWNCMD. */
  private timer: TimerHandle | undefined;
  /** The connections whose poll loop runs. */
  private readonly loops = new Map<MonitorConnection, PollLoop>();
  private push: StatusPush | undefined;
  /** The next shutdown tick, and when it falls (machine time). */
  private ticker: TimerHandle | undefined;
  private tickAt = 0;
  private stopped = false;
  private shutdownTicking = false;
  private countInFlight = false;
  /** A pushed count arrived while counting: count once more. */
  private countAgain = false;
  private readonly clock: Clock;

  constructor(
    private conf: UpsmonConf,
    private readonly deps: UpsmonDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.machine = new UpsmonMachine(conf, this.now());
    this.connections = conf.monitors.map((m) => this.connection(conf, m));
    this.launcher = new CommandLauncher(deps.logger);
    this.notifier = this.newNotifier(conf);
    this.push = this.statusPush(conf);
  }

  /**
   * Time for the machine: monotonic, so setting the wall clock (NTP, `date -s`, a resumed VM)
   * neither fires HOSTSYNC, DEADTIME, FINALDELAY or NOCOMMWARNTIME early nor holds them back.
   */
  private now(): number {
    return monotonicNow(this.clock);
  }

  get state(): UpsmonMachine {
    return this.machine;
  }

  start(): void {
    for (const connection of this.connections) void this.pollLoop(connection);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearPollTimers();
    if (this.timer) this.clock.clearTimeout(this.timer);
    if (this.ticker) this.clock.clearTimeout(this.ticker);
    this.push?.stop();
    this.launcher.close();
    await Promise.all(this.connections.map((c) => c.close()));
  }

  /** SIGUSR1 / `upsmon -c fsd`. */
  requestFsd(): void {
    this.feed({ type: 'fsd-request', at: this.now() });
  }

  /**
   * SIGHUP: new MONITOR lines and settings. Known UPSes keep their state, and their session
   * when its login details are unchanged, so the primary's count of logins never dips.
   */
  reload(conf: UpsmonConf): void {
    if (this.machine.shuttingDown) {
      this.deps.logger.warn('reload ignored: shutdown in progress');
      return;
    }
    const tlsChanged = JSON.stringify(tlsOptions(conf)) !== JSON.stringify(tlsOptions(this.conf));
    const old = new Map(this.connections.map((c) => [c.monitor.system, c]));
    this.connections = conf.monitors.map((monitor) => {
      const existing = old.get(monitor.system);
      if (existing && !tlsChanged && sameSession(existing.monitor, monitor)) {
        old.delete(monitor.system);
        existing.monitor = monitor;
        return existing;
      }
      return this.connection(conf, monitor);
    });
    for (const gone of old.values()) {
      const timer = this.loops.get(gone)?.timer;
      if (timer) this.clock.clearTimeout(timer);
      this.loops.delete(gone);
      void gone.close();
    }
    this.push?.stop();
    this.push = this.statusPush(conf);
    this.conf = conf;
    this.machine.reload(conf, this.now());
    for (const connection of this.connections)
      if (!this.loops.has(connection)) void this.pollLoop(connection);
    this.notifier = this.newNotifier(conf);
    this.deps.logger.info({ monitors: conf.monitors.length }, 'configuration reloaded');
  }

  /** Whether some notification runs NOTIFYCMD or wall (--dry-run only logs them). */
  private get launchesPrograms(): boolean {
    const { notifyFlag, notifyCmd } = this.conf;
    return (
      !this.deps.dryRun &&
      Object.values(notifyFlag).some((flags) => flags.wall || (flags.exec && notifyCmd))
    );
  }

  private newNotifier(conf: UpsmonConf): Notifier {
    return new Notifier(conf, this.deps.logger, this.launcher, this.deps.dryRun ?? false);
  }

  private connection(conf: UpsmonConf, monitor: MonitorEntry): MonitorConnection {
    return new MonitorConnection(monitor, {
      requestTimeoutMs: this.deps.requestTimeoutMs ?? 5000,
      tls: tlsOptions(conf),
      logger: this.deps.logger.child({ ups: monitor.system }),
    });
  }

  private statusPush(conf: UpsmonConf): StatusPush | undefined {
    if (this.deps.push === false) return undefined;
    return new StatusPush(tlsOptions(conf), this.deps.logger, (host, port, change) => {
      for (const connection of this.connections) {
        const { monitor } = connection;
        const same = monitor.upsName.toLowerCase() === change.ups.toLowerCase();
        if (monitor.host !== host || monitor.port !== port || !same) continue;
        if (change.kind === 'NUMLOGINS') {
          if (monitor.role === 'primary') this.countSoon();
        } else if (pollsFor(monitor.role, change)) this.pollSoon(connection);
      }
    });
  }

  /**
   * A pushed change: poll now (at most one poll per {@link PUSH_GAP_MS}), or right after the
   * poll in flight, which may have read the status just before the change.
   */
  private pollSoon(connection: MonitorConnection): void {
    const loop = this.loops.get(connection);
    if (this.stopped || this.machine.shuttingDown || !loop) return;
    if (!loop.timer) {
      loop.pushed = true;
      return;
    }
    this.clock.clearTimeout(loop.timer);
    loop.timer = this.clock.setTimeout(() => void this.pollLoop(connection), this.pushGap(loop));
  }

  private pushGap(loop: PollLoop): number {
    return Math.max(0, loop.startedAt + PUSH_GAP_MS - this.now());
  }

  private clearPollTimers(): void {
    for (const { timer } of this.loops.values()) if (timer) this.clock.clearTimeout(timer);
  }

  /**
   * Polls one UPS, again and again. Every UPS has its own loop, so a hung server (each request
   * bounded by the timeout) never delays a reading, or a decision, about another UPS.
   */
  private async pollLoop(connection: MonitorConnection): Promise<void> {
    const live = () =>
      !this.stopped && !this.machine.shuttingDown && this.connections.includes(connection);
    let loop = this.loops.get(connection);
    if (!loop)
      this.loops.set(connection, (loop = { startedAt: 0, timer: undefined, pushed: false }));
    loop.timer = undefined;
    loop.startedAt = this.now();
    const events = live() ? await connection.poll(() => this.now()) : [];
    if (live()) {
      for (const event of events) this.feed(event);
      this.feed({ type: 'tick', at: this.now() });
    }
    if (!live()) {
      this.loops.delete(connection);
      return;
    }
    // Both are (re)opened after a poll, off the way to the first login, and ready before the
    // next notification or change.
    this.push?.watch(connection.monitor);
    if (this.launchesPrograms) this.launcher.prepare();
    const wait = loop.pushed ? this.pushGap(loop) : this.machine.pollIntervalMs();
    loop.pushed = false;
    loop.timer = this.clock.setTimeout(() => void this.pollLoop(connection), wait);
  }

  /**
   * While shutting down: a tick every 250 ms, and one exactly when HOSTSYNC runs out or
   * FINALDELAY ends (these run on the ticks, whatever the servers do), and, for a primary in
   * HOSTSYNC, one GET NUMLOGINS round at a time.
   */
  private startShutdownTicks(): void {
    if (this.shutdownTicking) return;
    this.shutdownTicking = true;
    this.clearPollTimers();
    this.loops.clear();
    this.tick();
  }

  private readonly tick = (): void => {
    this.ticker = undefined;
    if (this.stopped || this.machine.currentPhase === 'shut-down') return;
    if (this.machine.currentPhase === 'hostsync' && !this.countInFlight) void this.countLogins();
    this.feed({ type: 'tick', at: this.now() });
  };

  /**
   * Sets the next tick: in 250 ms, or when the running timer (HOSTSYNC, FINALDELAY) ends if
   * sooner. A decision between ticks (the last secondary gone) can bring it forward, never
   * push it back.
   */
  private scheduleTick(): void {
    if (this.stopped || this.machine.currentPhase === 'shut-down') return;
    const now = this.now();
    const deadline = this.machine.nextDeadline() ?? Infinity;
    const at = Math.max(now, Math.min(now + SHUTDOWN_TICK_MS, deadline));
    if (this.ticker) {
      if (this.tickAt <= at) return;
      this.clock.clearTimeout(this.ticker);
    }
    this.tickAt = at;
    this.ticker = this.clock.setTimeout(this.tick, at - now);
  }

  /**
   * upsd pushed a new active count: in HOSTSYNC, count now (or right after the count in
   * flight) rather than at the next tick, so the last secondary's logout is seen at once.
   */
  private countSoon(): void {
    if (this.stopped || this.machine.currentPhase !== 'hostsync') return;
    if (this.countInFlight) this.countAgain = true;
    else void this.countLogins();
  }

  private async countLogins(): Promise<void> {
    this.countInFlight = true;
    const primaries = this.connections.filter((c) => c.monitor.role === 'primary');
    const counts = await Promise.all(primaries.map((c) => c.numLogins()));
    this.countInFlight = false;
    if (this.stopped || this.machine.currentPhase !== 'hostsync') return;
    this.feed({ type: 'numlogins', count: Math.max(0, ...counts), at: this.now() });
    if (this.countAgain) {
      this.countAgain = false;
      this.countSoon();
    }
  }

  private feed(event: MachineEvent): void {
    for (const action of this.machine.handle(event)) this.perform(action);
    // From the first decision on, time is kept by the shutdown ticks, not by poll rounds.
    if (!this.machine.shuttingDown) return;
    if (this.shutdownTicking) this.scheduleTick();
    else this.startShutdownTicks();
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

  /** The privileged parent is gone: a shutdown can no longer happen (NUT's NOPARENT). */
  parentGone(): void {
    if (this.stopped) return;
    this.deps.logger.error('the privileged parent process died: shutdown impossible');
    this.notifier.notify('NOPARENT', undefined);
  }

  private async shutdown(): Promise<void> {
    const { logger, dryRun } = this.deps;
    if (dryRun) {
      logger.warn(
        { dryRun: true, powerDownFlag: this.conf.powerDownFlag, command: this.conf.shutdownCmd },
        'would write POWERDOWNFLAG and run SHUTDOWNCMD',
      );
      this.keepAliveThenExit(Infinity);
      return;
    }
    if (this.deps.requestShutdown) {
      // Privilege separation: the root parent writes the flag and runs the command.
      logger.warn('asking the privileged parent to write POWERDOWNFLAG and run SHUTDOWNCMD');
      this.deps.flushLogs?.();
      await this.deps.requestShutdown().catch((error: Error) => {
        logger.error(
          { err: error.message },
          'cannot reach the privileged parent: shutdown impossible',
        );
        this.notifier.notify('NOPARENT', undefined);
      });
    } else {
      await executeShutdown(this.conf, this.deps);
    }
    const exit = this.conf.shutdownExit;
    this.keepAliveThenExit(exit === true ? 0 : exit === false ? Infinity : exit * 1000);
  }

  /**
   * SHUTDOWNEXIT: exit after `lingerMs` (0: at once). Until then GET NUMLOGINS every second
   * keeps the sessions alive, so a primary keeps counting this host, as NUT's does.
   */
  private keepAliveThenExit(lingerMs: number): void {
    const deadline = this.now() + lingerMs;
    const step = () => {
      if (this.stopped) return;
      const left = deadline - this.now();
      if (left <= 0) {
        for (const connection of this.connections) connection.drop();
        this.stopped = true;
        this.deps.exit(0);
        return;
      }
      for (const connection of this.connections) void connection.numLogins();
      this.timer = this.clock.setTimeout(step, Math.min(KEEPALIVE_MS, left));
    };
    step();
  }
}
