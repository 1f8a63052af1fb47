/** upsmon notification types and their stock messages (`%s` = the UPS). */
export const NOTIFY_MESSAGES = {
  ONLINE: 'UPS %s on line power',
  ONBATT: 'UPS %s on battery',
  LOWBATT: 'UPS %s battery is low',
  FSD: 'UPS %s: forced shutdown in progress',
  COMMOK: 'Communications with UPS %s established',
  COMMBAD: 'Communications with UPS %s lost',
  SHUTDOWN: 'Auto logout and shutdown proceeding',
  REPLBATT: 'UPS %s battery needs to be replaced',
  NOCOMM: 'UPS %s is unavailable',
  NOPARENT: 'upsmon parent process died - shutdown impossible',
  CAL: 'UPS %s: calibration in progress',
  NOTCAL: 'UPS %s: calibration finished',
  OFF: 'UPS %s: administratively OFF or asleep',
  NOTOFF: 'UPS %s: no longer administratively OFF or asleep',
  BYPASS: 'UPS %s: on bypass (powered, not protecting)',
  NOTBYPASS: 'UPS %s: no longer on bypass',
  ECO: 'UPS %s: in ECO mode (as defined by vendor)',
  NOTECO: 'UPS %s: no longer in ECO mode',
  ALARM: 'UPS %s: one or more active alarms: [%s]',
  NOTALARM: 'UPS %s: no longer in alarm state (no active alarms)',
  OVER: 'UPS %s: overloaded',
  NOTOVER: 'UPS %s: no longer overloaded',
  TRIM: 'UPS %s: trimming incoming voltage',
  NOTTRIM: 'UPS %s: no longer trimming incoming voltage',
  BOOST: 'UPS %s: boosting incoming voltage',
  NOTBOOST: 'UPS %s: no longer boosting incoming voltage',
  SHUTDOWN_HOSTSYNC:
    'Shutdown initiated; primary system is waiting for secondaries to log out or time out',
  SUSPEND_TIMEJUMP_UNEXPECTED: 'Unexpected clock change by %s, treating as wake up from sleep',
  OTHER: 'UPS %s: has at least one unclassified status token: [%s]',
  NOTOTHER: 'UPS %s: has no more unclassified status tokens',
  SUSPEND_STARTING: 'OS is entering sleep/suspend/hibernate mode',
  SUSPEND_FINISHED: 'OS just finished sleep/suspend/hibernate mode',
} as const;

export type NotifyType = keyof typeof NOTIFY_MESSAGES;

export const NOTIFY_TYPES = Object.keys(NOTIFY_MESSAGES) as NotifyType[];

/** What upsmon does for one notification type. */
export interface NotifyFlags {
  syslog: boolean;
  wall: boolean;
  exec: boolean;
}
