import type { Logger } from '@nut-ts/core';
import type { NotifyType, UpsmonConf } from '@nut-ts/config';
import { shellQuote, type CommandLauncher } from './launcher.js';

/** Fills NUT's printf-style message: the first %s is the UPS, a second one the extra text. */
export function formatNotifyMessage(
  template: string,
  system: string | undefined,
  extra = '',
): string {
  let used = 0;
  return template.replace(/%s/g, () => (used++ === 0 ? (system ?? '') : extra));
}

/**
 * Delivers notifications per NOTIFYFLAG: SYSLOG to the log, WALL through `wall`, EXEC through
 * NOTIFYCMD with NOTIFYTYPE and UPSNAME set. Programs run in the background (see
 * {@link CommandLauncher}): a slow NOTIFYCMD never delays a shutdown decision.
 */
export class Notifier {
  constructor(
    private readonly conf: Pick<UpsmonConf, 'notifyMsg' | 'notifyFlag' | 'notifyCmd'>,
    private readonly logger: Logger,
    private readonly launcher: CommandLauncher,
    private readonly dryRun: boolean,
  ) {}

  notify(type: NotifyType, system: string | undefined, extra?: string): void {
    const flags = this.conf.notifyFlag[type];
    const message = formatNotifyMessage(this.conf.notifyMsg[type], system, extra);
    if (flags.syslog) this.logger.warn({ notify: type, ups: system }, message);
    if (flags.wall) this.run('wall', ['wall', message], {});
    if (flags.exec && this.conf.notifyCmd) {
      const command = `${this.conf.notifyCmd} ${shellQuote(message)}`;
      this.run('NOTIFYCMD', ['/bin/sh', '-c', command], {
        NOTIFYTYPE: type,
        UPSNAME: system ?? '',
      });
    }
  }

  private run(what: string, argv: string[], env: Record<string, string>): void {
    if (this.dryRun) {
      this.logger.info({ dryRun: true, command: argv.join(' '), env }, `would run ${what}`);
      return;
    }
    this.launcher.launch(what, argv, env);
  }
}
