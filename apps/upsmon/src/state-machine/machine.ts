import { parseStatus } from '@nut-ts/core';
import { criticality } from './critical.js';
import { statusNotifications } from './status-events.js';
import type { MachineAction, MachineConfig, MachineEvent, Phase } from './types.js';
import { UpsMemory } from './ups-memory.js';

/**
 * upsmon's decisions as a pure state machine: events in, actions out, time only from the
 * events. It never does I/O, so every timing rule is tested without sleeping.
 */
export class UpsmonMachine {
  readonly ups = new Map<string, UpsMemory>();
  private phase: Phase = 'monitoring';
  private hostSyncStart = 0;
  private hostSyncNotified = false;
  private finalDelayEnd = 0;

  constructor(
    private config: MachineConfig,
    now: number,
  ) {
    for (const monitor of config.monitors)
      this.ups.set(monitor.system, new UpsMemory(monitor, now));
  }

  get currentPhase(): Phase {
    return this.phase;
  }

  /** True once the host has started shutting down. */
  get shuttingDown(): boolean {
    return this.phase !== 'monitoring';
  }

  /** Whether this host is primary for any UPS. */
  get isPrimary(): boolean {
    return [...this.ups.values()].some((u) => u.primary);
  }

  /**
   * When (machine time) HOSTSYNC runs out or FINALDELAY ends, while one of them runs: a tick
   * then acts on time, not up to a tick late.
   */
  nextDeadline(): number | undefined {
    if (this.phase === 'hostsync') return this.hostSyncStart + this.config.hostSync * 1000 + 1;
    if (this.phase === 'final-delay') return this.finalDelayEnd;
    return undefined;
  }

  /**
   * Milliseconds until the next poll round: POLLFREQALERT while any UPS needs watching, and
   * gcd(POLLFREQALERT, OBLBDURATION) while an OBLBDURATION timer runs, so it is not overshot.
   */
  pollIntervalMs(): number {
    const upses = [...this.ups.values()];
    const { pollFreq, pollFreqAlert, obLbDuration } = this.config;
    if (obLbDuration > 0 && upses.some((u) => u.obLbSince !== undefined))
      return gcd(pollFreqAlert, obLbDuration) * 1000;
    const alert = upses.some((u) => ['OB', 'OFF', 'BYPASS', 'ALARM', 'OVER'].some((t) => u.has(t)));
    return (alert ? pollFreqAlert : pollFreq) * 1000;
  }

  /**
   * SIGHUP: a new configuration. UPSes still monitored keep what is known about them (status,
   * comm state, timers), with the new power value and role; new ones start unknown. Ignored once
   * the shutdown has started: nothing may call it off.
   */
  reload(config: MachineConfig, now: number): void {
    if (this.shuttingDown) return;
    const kept = new Map<string, UpsMemory>();
    for (const monitor of config.monitors) {
      const memory = this.ups.get(monitor.system);
      if (memory) memory.monitor = monitor;
      kept.set(monitor.system, memory ?? new UpsMemory(monitor, now));
    }
    this.ups.clear();
    for (const [system, memory] of kept) this.ups.set(system, memory);
    this.config = config;
  }

  handle(event: MachineEvent): MachineAction[] {
    const out: MachineAction[] = [];
    switch (event.type) {
      case 'poll-ok':
        this.pollOk(event, out);
        break;
      case 'poll-failed':
        this.pollFailed(event.system, event.reason, event.at, out);
        break;
      case 'login-failed':
        this.loginFailed(event.system, event.reason, event.at, out);
        break;
      case 'numlogins':
        this.numLogins(event.count, event.at, out);
        break;
      case 'fsd-request':
        out.push({
          type: 'log',
          level: 'warn',
          message: 'forced shutdown requested (upsmon -c fsd)',
        });
        this.forceShutdown(event.at, out);
        break;
      case 'tick':
        break;
    }
    this.advance(event.at, out);
    return out;
  }

  private pollOk(event: Extract<MachineEvent, { type: 'poll-ok' }>, out: MachineAction[]): void {
    const ups = this.ups.get(event.system);
    if (!ups) return;
    const first = !ups.polled;
    if (ups.commOk === false) out.push({ type: 'notify', notify: 'COMMOK', system: ups.system });
    const after = new Set(parseStatus(event.status.toUpperCase()));
    // NUT notices FSD before walking the other tokens, so FSD comes before LOWBATT.
    if (after.has('FSD') && (first || !ups.has('FSD')))
      out.push({ type: 'notify', notify: 'FSD', system: ups.system });
    out.push(...statusNotifications(ups.system, ups.status, after, first));
    // ALARM again whenever the alarm text changes, as NUT does.
    if (after.has('ALARM') && (first || !ups.has('ALARM') || event.alarm !== ups.alarm))
      out.push({ type: 'notify', notify: 'ALARM', system: ups.system, extra: event.alarm ?? '' });
    if (after.has('RB') && event.at - ups.lastReplaceBattery >= this.config.rbWarnTime * 1000) {
      ups.lastReplaceBattery = event.at;
      out.push({ type: 'notify', notify: 'REPLBATT', system: ups.system });
    }
    ups.offSince = after.has('OFF') ? (ups.offSince ?? event.at) : undefined;
    ups.overSince = after.has('OVER') ? (ups.overSince ?? event.at) : undefined;
    ups.obLbSince = after.has('OB') && after.has('LB') ? (ups.obLbSince ?? event.at) : undefined;
    ups.status = after;
    ups.alarm = event.alarm;
    ups.commOk = true;
    ups.polled = true;
    ups.lastPoll = event.at;
  }

  private pollFailed(system: string, reason: string, at: number, out: MachineAction[]): void {
    const ups = this.ups.get(system);
    if (!ups) return;
    if (ups.commOk !== false) {
      out.push({ type: 'log', level: 'warn', message: `poll failed: ${reason}`, system });
      out.push({ type: 'notify', notify: 'COMMBAD', system });
      ups.lastNoComm = at;
    } else if (at - ups.lastNoComm >= this.config.noCommWarnTime * 1000) {
      ups.lastNoComm = at;
      out.push({ type: 'notify', notify: 'NOCOMM', system });
    }
    ups.commOk = false;
  }

  /** NUT only logs a refused LOGIN (#3403); we also say NOCOMM, since the primary will not count us. */
  private loginFailed(system: string, reason: string, at: number, out: MachineAction[]): void {
    const ups = this.ups.get(system);
    if (!ups) return;
    out.push({ type: 'log', level: 'error', message: `LOGIN refused: ${reason}`, system });
    if (!ups.loginRefused || at - ups.lastNoComm >= this.config.noCommWarnTime * 1000) {
      ups.lastNoComm = at;
      out.push({ type: 'notify', notify: 'NOCOMM', system });
    }
    ups.loginRefused = true;
  }

  private numLogins(count: number, at: number, out: MachineAction[]): void {
    if (this.phase !== 'hostsync') return;
    if (count <= 1) {
      out.push({ type: 'log', level: 'info', message: 'every secondary has logged out' });
      this.doShutdown(at, out);
      return;
    }
    if (!this.hostSyncNotified) {
      this.hostSyncNotified = true;
      out.push({ type: 'notify', notify: 'SHUTDOWN_HOSTSYNC' });
    }
  }

  /** DEADTIME promotion, the critical rules, MINSUPPLIES, and the shutdown timers. */
  private advance(at: number, out: MachineAction[]): void {
    if (this.phase === 'monitoring') {
      let healthy = 0;
      for (const ups of this.ups.values()) {
        if (
          ups.commOk === false &&
          at - ups.lastPoll > this.config.deadTime * 1000 &&
          ups.has('OB') &&
          !ups.has('LB')
        ) {
          ups.status.add('LB');
          out.push({
            type: 'log',
            level: 'warn',
            message: 'UPS silent past DEADTIME while on battery: assuming low battery',
            system: ups.system,
          });
        }
        const state = criticality(ups, this.config, at);
        if (state === 'critical') continue;
        // A secondary's HOSTSYNC runs from the last time the UPS was known to be safe.
        if (state === 'safe' && ups.commOk !== false) ups.lastNonCritical = at;
        healthy += ups.monitor.powerValue;
      }
      if (healthy < this.config.minSupplies) {
        out.push({
          type: 'log',
          level: 'warn',
          message: `too few UPSes are healthy (${healthy} < MINSUPPLIES ${this.config.minSupplies})`,
        });
        this.forceShutdown(at, out);
      }
    }
    if (this.phase === 'hostsync' && at - this.hostSyncStart > this.config.hostSync * 1000) {
      out.push({
        type: 'log',
        level: 'warn',
        message: 'host sync timer expired, forcing shutdown',
      });
      this.doShutdown(at, out);
    }
    if (this.phase === 'final-delay' && at >= this.finalDelayEnd) {
      this.phase = 'shut-down';
      out.push({ type: 'shutdown' });
    }
  }

  private forceShutdown(at: number, out: MachineAction[]): void {
    if (this.phase !== 'monitoring') return;
    const primaries = [...this.ups.values()].filter((u) => u.primary);
    if (primaries.length === 0) {
      this.doShutdown(at, out);
      return;
    }
    for (const ups of primaries) out.push({ type: 'send-fsd', system: ups.system });
    this.phase = 'hostsync';
    this.hostSyncStart = at;
    out.push({ type: 'watch-numlogins' });
  }

  private doShutdown(at: number, out: MachineAction[]): void {
    if (this.phase === 'final-delay' || this.phase === 'shut-down') return;
    out.push({ type: 'notify', notify: 'SHUTDOWN' });
    this.phase = 'final-delay';
    this.finalDelayEnd = at + this.config.finalDelay * 1000;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
