import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performanceDoc } from './performance-doc.js';
import { Report } from './report.js';
import * as sections from './sections.js';
import { startServers, type Servers } from './servers.js';

type Section = keyof typeof sections;
/**
 * Sections in the order a full run measures and reports them. Idle daemons come first, while
 * the servers have served nothing: after 10,000 connections a Node upsd spends minutes
 * collecting their garbage, which is not what an idle upsd costs.
 */
const ORDER: Section[] = [
  'idleDaemons',
  'requests',
  'propagation',
  'idleClients',
  'megatec',
  'shutdown',
];

const HELP = `usage: pnpm bench [-- options]

Measures nut-ts side by side with Debian's NUT 2.8.0 and prints Markdown tables of ratios.
A full run (no --quick, no --only) also rewrites docs/performance.md.

  --quick          short runs and fewer clients (a smoke test of the bench itself)
  --only LIST      only these sections, comma-separated: ${ORDER.join(', ')}
  -h, --help       this text
`;

function parseArgs(argv: string[]): { quick: boolean; only: Section[] | undefined } {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const at = argv.indexOf('--only');
  if (at < 0) return { quick: argv.includes('--quick'), only: undefined };
  const only = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = only.filter((name) => !ORDER.includes(name as Section));
  if (only.length === 0 || unknown.length > 0) {
    process.stderr.write(`bench: --only takes section names (${ORDER.join(', ')})\n`);
    process.exit(2);
  }
  return { quick: argv.includes('--quick'), only: only as Section[] };
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const report = new Report();
  report.sampleLoad();
  const cleanup: Array<() => Promise<unknown>> = [];
  let servers: Promise<Servers> | undefined;
  const ctx = { quick, servers: () => (servers ??= startServers(cleanup)) };
  try {
    for (const name of only ?? ORDER) {
      await sections[name](report, ctx);
      console.error(`bench: ${name} done`);
    }
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
  console.log(report.tables());
  if (!quick && !only)
    writeFileSync(
      fileURLToPath(new URL('../../../docs/performance.md', import.meta.url)),
      performanceDoc(report),
    );
}

await main();
