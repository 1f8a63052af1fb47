import { readFileSync, readdirSync } from 'node:fs';

/** Resident set size of process `pid`, in KiB (NaN when it is gone). */
export function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/**
 * CPU time process `pid` has used so far, in ms: the scheduler's nanosecond run time summed
 * over its threads (`/proc/<pid>/task/<tid>/schedstat`), so an idle daemon's few milliseconds
 * are measured, not sampled at 100 Hz. Falls back to utime + stime ticks where schedstat is
 * missing.
 */
export function cpuMs(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended meanwhile
      }
    }
    return ns / 1e6;
  } catch {
    return tickCpuMs(pid);
  }
}

/**
 * CPU time of process `pid` so far in user space and in the kernel, in ms, from utime and stime
 * of `/proc/<pid>/stat`: counted in 10 ms ticks, so only differences over seconds mean much.
 */
export function userSystemMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the `(comm)`, which may itself hold spaces: utime and stime are 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tickMs = 1000 / 100; // USER_HZ is 100 on Linux
  return { user: Number(fields[11]) * tickMs, system: Number(fields[12]) * tickMs };
}

/** utime + stime from `/proc/<pid>/stat`, in ms (10 ms ticks). */
function tickCpuMs(pid: number): number {
  const { user, system } = userSystemMs(pid);
  return user + system;
}

/** Percent of one core `pid` used over `ms` milliseconds of wall time. */
export async function cpuPercent(pid: number, ms: number): Promise<number> {
  const before = cpuMs(pid);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ((cpuMs(pid) - before) / ms) * 100;
}

/** Percentile of ascending `sorted` samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** p50 and p99 of unsorted samples. */
export function summary(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}
