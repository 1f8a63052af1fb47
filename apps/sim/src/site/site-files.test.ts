import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';
import { notifyScript, shutdownScript } from './site-files.js';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

/** Writes `script` to a temporary directory and runs it with `args`; returns the events file. */
function run(make: (events: string) => string, args: string[], env: Record<string, string> = {}) {
  const dir = makeTempDir('markers-');
  dirs.push(dir);
  const events = join(dir.path, 'events.log');
  const script = join(dir.path, 'marker.sh');
  writeFileSync(script, make(events), { mode: 0o755 });
  const before = Date.now();
  execFileSync(script, args, { env: { ...process.env, ...env } });
  const after = Date.now();
  return { line: readFileSync(events, 'utf8'), before, after };
}

const shells = existsSync('/bin/bash') ? [true, false] : [false];

describe.each(shells)('marker scripts (bash: %s)', (bash) => {
  it('NOTIFYCMD records the time in milliseconds, the host, NOTIFYTYPE and the message', () => {
    const { line, before, after } = run(
      (events) => notifyScript(events, bash),
      ['secondary-1', 'UPS ups is on battery'],
      {
        NOTIFYTYPE: 'ONBATT',
      },
    );
    const match = /^(\d{13}) NOTIFY secondary-1 ONBATT UPS ups is on battery\n$/.exec(line);
    expect(match, line).not.toBeNull();
    const at = Number(match![1]);
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(after + 1);
  });

  it('SHUTDOWNCMD records the time and the host', () => {
    const { line, before, after } = run((events) => shutdownScript(events, bash), ['primary']);
    const match = /^(\d{13}) SHUTDOWN primary\n$/.exec(line);
    expect(match, line).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(before - 1);
    expect(Number(match![1])).toBeLessThanOrEqual(after + 1);
  });
});
