import { unlinkSync } from 'node:fs';
import { notifySystemd, type Logger } from '@nut-ts/core';
import { confPath, loadUpsmonConf, type UpsmonConf } from '@nut-ts/config';
import { UpsmonRuntime, type UpsmonDeps } from './runtime/upsmon-runtime.js';

export interface MonitorOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  flushLogs: () => void;
  dryRun: boolean;
  /** Poll at once on a status change upsd pushes (off: `--no-push`). */
  push: boolean;
  /** Removed at exit (the single process owns it; a monitoring child has none). */
  pidPath?: string;
  /** Set in the monitoring child: reaches the privileged parent. */
  requestShutdown?: UpsmonDeps['requestShutdown'];
  /** Whether to tell systemd (the main process only). */
  notify: boolean;
  /** Called with the runtime before it starts. */
  onRuntime?: (runtime: UpsmonRuntime) => void;
}

/** Runs the monitoring loop until stopped or shut down; resolves with the exit code. */
export function runMonitor(conf: UpsmonConf, options: MonitorOptions): Promise<number> {
  const { logger } = options;
  return new Promise<number>((resolve) => {
    // A host with nothing to poll (no MONITOR lines) must still run until told to stop.
    const alive = setInterval(() => {}, 2 ** 30);
    const finish = (code: number) => {
      clearInterval(alive);
      if (options.pidPath) {
        try {
          unlinkSync(options.pidPath);
        } catch {
          // already gone
        }
      }
      resolve(code);
    };
    const runtime = new UpsmonRuntime(conf, {
      logger,
      dryRun: options.dryRun,
      push: options.push,
      exit: finish,
      flushLogs: options.flushLogs,
      ...(options.requestShutdown && { requestShutdown: options.requestShutdown }),
    });
    process.on('SIGUSR1', () => runtime.requestFsd());
    process.on('SIGHUP', () => {
      try {
        runtime.reload(loadUpsmonConf(confPath(options.env)));
      } catch (error) {
        logger.error(`reload failed, keeping the old configuration: ${(error as Error).message}`);
      }
    });
    const stop = () => {
      if (options.notify) void notifySystemd('STOPPING=1');
      void runtime.stop().then(() => finish(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    options.onRuntime?.(runtime);
    logger.info(
      { monitors: conf.monitors.map((m) => `${m.system} (${m.role})`) },
      'upsmon started',
    );
    runtime.start();
    if (options.notify) void notifySystemd('--ready');
  });
}
