import { unlinkSync } from 'node:fs';
import { dropPrivileges, notifySystemd, type Logger } from '@nut-ts/core';
import { confPath, loadUpsmonConf, type UpsmonConf } from '@nut-ts/config';
import { runMonitor } from '../monitor-process.js';
import { openParentChannel, type ParentChannel } from './parent-channel.js';
import { CHILD_USER_ENV, PrivilegedParent } from './privileged-parent.js';

export interface ProcessOptions {
  io: { stderr: (text: string) => void; env: NodeJS.ProcessEnv };
  logger: Logger;
  flushLogs: () => void;
  dryRun: boolean;
  /** For the monitoring child (the parent passes its whole command line on). */
  push?: boolean;
}

/**
 * The monitoring child: started as root by the parent with the configuration already readable,
 * it drops to `user` before it touches the network, and asks the parent for the shutdown.
 */
export function runChild(conf: UpsmonConf, user: string, options: ProcessOptions): Promise<number> {
  const { io, logger } = options;
  // Not for NOTIFYCMD's environment, nor for a child of ours.
  delete io.env[CHILD_USER_ENV];
  delete process.env[CHILD_USER_ENV];
  let channel: ParentChannel;
  try {
    channel = openParentChannel();
  } catch (error) {
    io.stderr(
      `upsmon: ${CHILD_USER_ENV} is set but there is no parent channel on fd 3 (${(error as Error).message}); it is for upsmon's own use\n`,
    );
    return Promise.resolve(1);
  }
  try {
    logger.info(`monitoring child ${dropPrivileges(user)}`);
  } catch (error) {
    io.stderr(`upsmon: ${(error as Error).message}\n`);
    return Promise.resolve(1);
  }
  return runMonitor(conf, {
    env: io.env,
    logger,
    flushLogs: options.flushLogs,
    dryRun: options.dryRun,
    push: options.push ?? true,
    notify: false,
    requestShutdown: () => channel.requestShutdown(),
    onRuntime: (runtime) => channel.onGone(() => runtime.parentGone()),
  });
}

export interface ParentProcessOptions extends ProcessOptions {
  argv: readonly string[];
  pidPath: string;
  /** How to start this program again (default: this Node and script). */
  self?: readonly string[] | undefined;
}

/** The privileged parent: starts the child, relays signals, shuts down when asked, ends with it. */
export async function runParent(
  conf: UpsmonConf,
  user: string,
  options: ParentProcessOptions,
): Promise<number> {
  const { io, logger } = options;
  let settings = conf;
  const self = options.self ?? [process.execPath, ...process.execArgv, process.argv[1]!];
  const parent = new PrivilegedParent({
    command: [...self, ...options.argv],
    env: io.env,
    user,
    settings: () => settings,
    dryRun: options.dryRun,
    logger,
    flushLogs: options.flushLogs,
  });
  logger.info(
    { child: parent.childPid, user },
    `privilege separation: the monitoring child (PID ${parent.childPid}) runs as ${user}; this parent keeps root only to shut the host down`,
  );
  const reload = () => {
    try {
      settings = loadUpsmonConf(confPath(io.env));
    } catch (error) {
      logger.error(`reload failed, keeping the old SHUTDOWNCMD: ${(error as Error).message}`);
    }
    parent.relay('SIGHUP');
  };
  const fsd = () => parent.relay('SIGUSR1');
  const stop = () => {
    void notifySystemd('STOPPING=1');
    parent.relay('SIGTERM');
  };
  process.on('SIGHUP', reload);
  process.on('SIGUSR1', fsd);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  void notifySystemd('--ready');
  const code = await parent.exited;
  process.off('SIGHUP', reload);
  process.off('SIGUSR1', fsd);
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  try {
    unlinkSync(options.pidPath);
  } catch {
    // already gone
  }
  return code;
}
