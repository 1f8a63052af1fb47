import { existsSync } from 'node:fs';
/** Timers for every upsmon host of a simulated site, in seconds (NUT's upsmon.conf names). */
export interface SiteTimers {
  pollFreq: number;
  pollFreqAlert: number;
  hostSync: number;
  deadTime: number;
  finalDelay: number;
}

/** Fast timers: a whole power cut takes seconds. */
export const FAST_TIMERS: SiteTimers = {
  pollFreq: 1,
  pollFreqAlert: 1,
  hostSync: 15,
  deadTime: 5,
  finalDelay: 1,
};

export const SITE_USERS = {
  primary: { username: 'monprimary', password: 'primary-secret' },
  secondary: { username: 'monsecondary', password: 'secondary-secret' },
  admin: { username: 'admin', password: 'admin-secret' },
} as const;

const NOTIFY_TYPES = [
  'ONLINE',
  'ONBATT',
  'LOWBATT',
  'FSD',
  'COMMOK',
  'COMMBAD',
  'SHUTDOWN',
  'REPLBATT',
  'NOCOMM',
  'NOPARENT',
];

export function upsdUsers(): string {
  const { primary, secondary, admin } = SITE_USERS;
  return [
    `[${admin.username}]`,
    `  password = ${admin.password}`,
    '  actions = SET FSD',
    '  instcmds = ALL',
    '',
    `[${primary.username}]`,
    `  password = ${primary.password}`,
    '  upsmon primary',
    '',
    `[${secondary.username}]`,
    `  password = ${secondary.password}`,
    '  upsmon secondary',
    '',
  ].join('\n');
}

export function upsdConf(
  port: number,
  statePath: string,
  extraListen: readonly string[] = [],
): string {
  const listen = ['127.0.0.1', ...extraListen].map((address) => `LISTEN ${address} ${port}\n`);
  return `${listen.join('')}MAXAGE 15\nSTATEPATH "${statePath}"\n`;
}

export interface UpsSpec {
  name: string;
  driver: 'dummy-ups' | 'nutdrv_qx';
  port: string;
  extra?: Record<string, string>;
}

export function upsConf(ups: UpsSpec): string {
  const lines = ['maxretry = 3', 'retrydelay = 1', 'pollinterval = 1', '', `[${ups.name}]`];
  lines.push(`  driver = ${ups.driver}`, `  port = "${ups.port}"`, '  desc = "Simulated UPS"');
  for (const [key, value] of Object.entries(ups.extra ?? {})) lines.push(`  ${key} = "${value}"`);
  return `${lines.join('\n')}\n`;
}

export interface HostSpec {
  name: string;
  role: 'primary' | 'secondary';
  ups: string;
  /** Where upsd is, as this host reaches it. */
  upsdAddress: string;
  /** The host's own address, as upsd's LIST CLIENT shows it. */
  address: string;
  port: number;
  timers: SiteTimers;
  /** Which upsmon the host runs: ours, or Debian's NUT 2.8.0 (`/lib/nut/upsmon`). */
  program: 'nut-ts' | 'nut';
  shutdownCmd: string;
  notifyCmd: string;
  powerDownFlag: string;
}

export function upsmonConf(host: HostSpec): string {
  const user = SITE_USERS[host.role];
  const t = host.timers;
  // NUT's upsmon started as root drops to user `nut`, who cannot write the site's files.
  const runAs = host.program === 'nut' && process.getuid?.() === 0 ? ['RUN_AS_USER root'] : [];
  return [
    ...runAs,
    `MONITOR ${host.ups}@${host.upsdAddress}:${host.port} 1 ${user.username} ${user.password} ${host.role}`,
    'MINSUPPLIES 1',
    `SHUTDOWNCMD "${host.shutdownCmd}"`,
    `NOTIFYCMD "${host.notifyCmd}"`,
    `POLLFREQ ${t.pollFreq}`,
    `POLLFREQALERT ${t.pollFreqAlert}`,
    `HOSTSYNC ${t.hostSync}`,
    `DEADTIME ${t.deadTime}`,
    `FINALDELAY ${t.finalDelay}`,
    `POWERDOWNFLAG "${host.powerDownFlag}"`,
    ...NOTIFY_TYPES.map((type) => `NOTIFYFLAG ${type} SYSLOG+EXEC`),
    '',
  ].join('\n');
}

/**
 * The first lines of a marker script: the shell, and `$t`, the time in milliseconds. With bash
 * (5.0 or later) the time comes from $EPOCHREALTIME, without starting `date`: on a big site
 * these scripts take much of the CPU the simulation spends (docs/simulation.md).
 */
function markerHeader(bash: boolean): string {
  if (!bash) return '#!/bin/sh\nt=$(date +%s%3N)\n';
  return '#!/bin/bash\nt=${EPOCHREALTIME/[.,]/}\nt=${t:0:13}\n[ -n "$t" ] || t=$(date +%s%3N)\n';
}

/** A SHUTDOWNCMD stand-in: records the moment, then the host "powers off" (upsmon exits). */
export function shutdownScript(eventsFile: string, bash = existsSync('/bin/bash')): string {
  return `${markerHeader(bash)}echo "$t SHUTDOWN $1" >> "${eventsFile}"\n`;
}

/** NOTIFYCMD: NUT runs it with the message as last argument and NOTIFYTYPE/UPSNAME set. */
export function notifyScript(eventsFile: string, bash = existsSync('/bin/bash')): string {
  return `${markerHeader(bash)}echo "$t NOTIFY $1 $NOTIFYTYPE $2" >> "${eventsFile}"\n`;
}
