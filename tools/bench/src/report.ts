import { cpus, loadavg, totalmem } from 'node:os';

const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** A ratio as `1.23×`, or n/a when it could not be measured. */
export const ratioText = (ratio: number) =>
  Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';

/** Re-flows `text` into lines of at most `width` characters. */
export function wrap(text: string, width = 98): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

interface Section {
  title: string;
  rows: string[][];
  /** Paragraphs printed under the table. */
  notes: string[];
}

/** The bench's results as Markdown tables: NUT 2.8.0, nut-ts and nut-ts's advantage. */
export class Report {
  private readonly sections: Section[] = [];
  /** Load averages seen while the bench ran (other work on the machine skews the numbers). */
  private readonly loads: number[] = [];
  /** Named results the text of docs/performance.md quotes. */
  readonly facts = new Map<string, number>();

  section(title: string): void {
    this.sections.push({ title, rows: [], notes: [] });
  }

  /** A paragraph under the current section's table (a footnote to some rows). */
  note(text: string): void {
    this.sections.at(-1)!.notes.push(text);
  }

  /** A row; `theirs` NaN when NUT has no equivalent. Advantage > 1 means nut-ts is better. */
  add(what: string, theirs: number, mine: number, higherIsBetter: boolean, digits = 2): void {
    const advantage = higherIsBetter ? mine / theirs : theirs / mine;
    this.sections
      .at(-1)!
      .rows.push([what, fmt(theirs, digits), fmt(mine, digits), ratioText(advantage)]);
    this.sampleLoad();
  }

  /** A named result for the text (NaN when it could not be measured). */
  fact(name: string): number {
    return this.facts.get(name) ?? NaN;
  }

  sampleLoad(): void {
    if (!this.loadFrozen) this.loads.push(loadavg()[0]!);
  }

  /** Stops sampling the load: later rows load the machine themselves (many processes). */
  freezeLoad(): void {
    this.sampleLoad();
    this.loadFrozen = true;
  }

  private loadFrozen = false;

  /** Machine, date and how busy the machine was. */
  machine(): string {
    const cpu = cpus();
    return `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  }

  /** Highest 1-minute load average seen. */
  get peakLoad(): number {
    return Math.max(0, ...this.loads);
  }

  tables(): string {
    return this.sections
      .map(({ title, rows, notes }) =>
        [
          `### ${title}`,
          '',
          '| measure | NUT 2.8.0 | nut-ts | nut-ts advantage |',
          '|---|---:|---:|---:|',
          ...rows.map((row) => `| ${row.join(' | ')} |`),
          ...notes.flatMap((note) => ['', wrap(note)]),
        ].join('\n'),
      )
      .join('\n\n');
  }
}
