import { execFileSync } from 'node:child_process';
import { summary } from './process-stats.js';

/** Prints the CPU time (ms) the process used before its first line of code ran. */
const PROBE =
  'const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000));';

/** CPU (ms) a bare Node.js process spends starting, before any code: median of `runs` starts. */
function startupMs(env: NodeJS.ProcessEnv, runs: number): number {
  const samples = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ['-e', PROBE], { env, encoding: 'utf8' })),
  );
  return summary(samples).p50;
}

/**
 * What starting Node.js itself costs on this machine, and the part of it that
 * NODE_EXTRA_CA_CERTS adds (Node reads and parses that file at every start; NaN when unset).
 */
export function nodeStartup(runs = 5): { ms: number; extraCaMs: number } {
  const ms = startupMs(process.env, runs);
  if (!process.env.NODE_EXTRA_CA_CERTS) return { ms, extraCaMs: NaN };
  const { NODE_EXTRA_CA_CERTS: _unused, ...without } = process.env;
  return { ms, extraCaMs: ms - startupMs(without, runs) };
}
