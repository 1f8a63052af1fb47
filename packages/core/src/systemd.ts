import { spawn } from 'node:child_process';

/**
 * Tells systemd about the service's state (READY=1, RELOADING=1, STOPPING=1) when it runs under
 * a `Type=notify` unit. Node cannot send to the unix datagram $NOTIFY_SOCKET itself, so this
 * runs `systemd-notify` (the unit needs `NotifyAccess=all`). Without $NOTIFY_SOCKET it does
 * nothing; a missing systemd-notify is ignored.
 */
export function notifySystemd(...assignments: string[]): Promise<void> {
  if (!process.env.NOTIFY_SOCKET) return Promise.resolve();
  return new Promise((resolve) => {
    const child = spawn('systemd-notify', ['--no-block', `--pid=${process.pid}`, ...assignments], {
      stdio: 'ignore',
    });
    child.on('error', () => resolve());
    child.on('exit', () => resolve());
  });
}
