import type { NotifyType, UpsmonConf } from '@nut-ts/config';

/** The upsmon.conf settings the decisions depend on (seconds). */
export type MachineConfig = Pick<
  UpsmonConf,
  | 'monitors'
  | 'minSupplies'
  | 'pollFreq'
  | 'pollFreqAlert'
  | 'hostSync'
  | 'deadTime'
  | 'finalDelay'
  | 'rbWarnTime'
  | 'noCommWarnTime'
  | 'offDuration'
  | 'overDuration'
  | 'obLbDuration'
  | 'alarmCritical'
>;

/** Something that happened, at time `at`: monotonic ms (never the wall clock, which can jump). */
export type MachineEvent =
  | { type: 'poll-ok'; system: string; status: string; alarm?: string; at: number }
  | { type: 'poll-failed'; system: string; reason: string; at: number }
  | { type: 'login-failed'; system: string; reason: string; at: number }
  /** Highest GET NUMLOGINS over the UPSes this host is primary for (a failed GET counts 0). */
  | { type: 'numlogins'; count: number; at: number }
  /** Time passes (the runtime ticks every 250 ms while shutting down). */
  | { type: 'tick'; at: number }
  /** `upsmon -c fsd` / SIGUSR1. */
  | { type: 'fsd-request'; at: number };

/** What the runtime must do. */
export type MachineAction =
  | { type: 'notify'; notify: NotifyType; system?: string; extra?: string }
  | { type: 'send-fsd'; system: string }
  /** Start polling GET NUMLOGINS every 250 ms for the primary UPSes. */
  | { type: 'watch-numlogins' }
  /** Write POWERDOWNFLAG and run SHUTDOWNCMD. */
  | { type: 'shutdown' }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; system?: string };

/** Where this host is in its shutdown. */
export type Phase = 'monitoring' | 'hostsync' | 'final-delay' | 'shut-down';
