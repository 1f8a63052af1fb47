import { tokenizeText } from '@nut-ts/protocol';

/** One instruction of a `.dev` / `.seq` file. */
export type DummyStep =
  | { kind: 'set'; name: string; value: string; line: number }
  | { kind: 'timer'; seconds: number; line: number }
  | { kind: 'alarm'; text: string | undefined; line: number };

/**
 * Parses dummy-ups data: `name: value words` (words joined with single spaces; an empty value
 * removes the variable), `TIMER <seconds>`, `ALARM [text]`. `driver.*` lines are skipped so a
 * `upsc` dump can be used as is. Unparseable lines are returned as `problems`.
 */
export function parseDummyFile(text: string): { steps: DummyStep[]; problems: string[] } {
  const steps: DummyStep[] = [];
  const problems: string[] = [];
  for (const event of tokenizeText(text)) {
    if (event.kind === 'error') {
      problems.push(`line ${event.line}: ${event.message}`);
      continue;
    }
    const [first, ...rest] = event.words;
    if (first === undefined) continue;
    if (first === 'TIMER') {
      const seconds = Number(rest[0]);
      if (rest.length !== 1 || !Number.isFinite(seconds) || seconds < 0)
        problems.push(`line ${event.line}: TIMER needs a number of seconds`);
      else steps.push({ kind: 'timer', seconds, line: event.line });
    } else if (first === 'ALARM') {
      steps.push({
        kind: 'alarm',
        text: rest.length > 0 ? rest.join(' ') : undefined,
        line: event.line,
      });
    } else if (first.endsWith(':') && first.length > 1) {
      const name = first.slice(0, -1);
      if (name.startsWith('driver.')) continue;
      steps.push({ kind: 'set', name, value: rest.join(' '), line: event.line });
    } else {
      problems.push(`line ${event.line}: expected 'name: value', TIMER or ALARM, got '${first}'`);
    }
  }
  return { steps, problems };
}
