import { setTimeout as sleep } from 'node:timers/promises';
import type { Timeline, TimelineEvent } from './timeline.js';

/** Resolves with the first timeline event (already recorded or future) that matches. */
export function waitForEvent(
  timeline: Timeline,
  match: (event: TimelineEvent) => boolean,
  timeoutMs: number,
  what: string,
): Promise<TimelineEvent> {
  const existing = timeline.events.find(match);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const onEvent = (event: TimelineEvent) => {
      if (!match(event)) return;
      clearTimeout(timer);
      timeline.off('event', onEvent);
      resolve(event);
    };
    const timer = setTimeout(() => {
      timeline.off('event', onEvent);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    timeline.on('event', onEvent);
  });
}

/** Retries `attempt` until it succeeds: for readiness of another process that emits no event. */
export async function retry<T>(
  attempt: () => Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: not ready after ${timeoutMs} ms (${(error as Error).message})`);
      }
      await sleep(100);
    }
  }
}
