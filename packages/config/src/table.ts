import type { Diagnostic } from './diagnostics.js';
import { parseBoolean, parseInteger, type Directive } from './directives.js';

/** One keyword of a keyword-per-line file (upsd.conf, upsmon.conf): its arguments and effect. */
export interface Rule<C> {
  /** Fewest and most arguments after the keyword. */
  arity: readonly [min: number, max: number];
  /** The expected arguments, for messages: `<seconds>`. */
  usage: string;
  /** Stores the value in `conf`; returns an error message when the arguments are unusable. */
  apply: (conf: C, args: string[], where: RuleContext) => string | undefined;
  /** Accepted, but worth a warning (obsolete keywords, settings nut-ts does not act on). */
  warning?: string;
}

/** What a rule may know and say about the line it reads. */
export interface RuleContext {
  line: number;
  warn: (message: string) => void;
}

/** A file's keywords. Keys are matched case-sensitively, as NUT does. */
export type Table<C> = Readonly<Record<string, Rule<C>>>;

type FieldOf<C, V> = { [K in keyof C]-?: NonNullable<C[K]> extends V ? K : never }[keyof C];

function set<C>(conf: C, field: keyof C, value: unknown): undefined {
  (conf as Record<keyof C, unknown>)[field] = value;
  return undefined;
}

/** A whole number in [min, max] (seconds, counts). */
export function integer<C>(field: FieldOf<C, number>, min: number, max = 2 ** 31 - 1): Rule<C> {
  const range = max === 2 ** 31 - 1 ? `>= ${min}` : `${min}-${max}`;
  return {
    arity: [1, 1],
    usage: `<whole number ${range}>`,
    apply: (conf, [word]) => {
      const value = parseInteger(word, min, max);
      return value === undefined
        ? `must be a whole number ${range}, not '${word}'`
        : set(conf, field, value);
    },
  };
}

/** One word taken as written (paths, user names; quote it when it holds spaces). */
export function text<C>(field: FieldOf<C, string>, usage: string): Rule<C> {
  return { arity: [1, 1], usage, apply: (conf, [word]) => set(conf, field, word) };
}

/** CERTIDENT: the NSS certificate name and database password (upsd.conf, upsmon.conf). */
export function certIdent<C extends { certIdent?: { name: string; password: string } }>(): Rule<C> {
  return {
    arity: [2, 2],
    usage: '<certificate name> <database password>',
    apply: (conf, [name, password]) => {
      conf.certIdent = { name: name!, password: password! };
      return undefined;
    },
  };
}

/** NUT's boolean words: true/false, yes/no, on/off, 1/0. */
export function boolean<C>(field: FieldOf<C, boolean>): Rule<C> {
  return {
    arity: [1, 1],
    usage: '<true|false>',
    apply: (conf, [word]) => {
      const value = parseBoolean(word);
      return value === undefined
        ? `must be true or false (yes/no, on/off, 1/0), not '${word}'`
        : set(conf, field, value);
    },
  };
}

/** One of a fixed set of words (matched case-insensitively), each standing for a value. */
export function oneOf<C, V>(field: FieldOf<C, V>, words: Readonly<Record<string, V>>): Rule<C> {
  const names = Object.keys(words);
  return {
    arity: [1, 1],
    usage: names.join('|'),
    apply: (conf, [word]) => {
      const key = names.find((name) => name.toLowerCase() === word!.toLowerCase());
      return key === undefined
        ? `must be one of ${names.join(', ')}, not '${word}'`
        : set(conf, field, words[key]);
    },
  };
}

/** A keyword NUT accepts and nut-ts only warns about. */
export function ignored<C>(warning: string): Rule<C> {
  return { arity: [0, Infinity], usage: '', apply: () => undefined, warning };
}

/**
 * The warning for a word that is no keyword. It is repeated only when it is a keyword in the
 * wrong case: anything else may be a password from a line broken in two (`MONITOR ... monuser`
 * then `secret primary`), and messages must not carry passwords.
 */
function unknownKeyword<C>(written: string, table: Table<C>): string {
  const meant = Object.keys(table).find((k) => k === written.toUpperCase());
  return meant === undefined
    ? 'unknown keyword ignored (not shown: it may be a password from a broken line)'
    : `unknown keyword '${written}' ignored: keywords are case-sensitive, write ${meant}`;
}

/** Where applyTable reports; errors stop the program, warnings are logged. */
export interface Report {
  file: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/**
 * Applies every directive through the table. `caseless` keywords also match in any case (NUT's
 * DEBUG_MIN). A `=` after the keyword is dropped with a warning: nut-ts reads `MAXAGE = 5` as
 * meant, NUT 2.8.0 would take `=` for the value. Unknown keywords are warnings, as in NUT.
 */
export function applyTable<C>(
  directives: readonly Directive[],
  table: Table<C>,
  conf: C,
  report: Report,
  caseless: readonly string[] = ['DEBUG_MIN'],
): void {
  const { file, errors, warnings } = report;
  for (const { words, line } of directives) {
    const written = words[0]!;
    const keyword = caseless.find((k) => k === written.toUpperCase()) ?? written;
    const rule = Object.hasOwn(table, keyword) ? table[keyword] : undefined;
    if (!rule) {
      warnings.push({ file, line, message: unknownKeyword(written, table) });
      continue;
    }
    let args = words.slice(1);
    if (args[0] === '=' && rule.arity[1] > 0) {
      args = args.slice(1);
      warnings.push({
        file,
        line,
        message: `'${written} =': NUT 2.8.0 would read '=' as the value; write '${written} <value>'`,
      });
    }
    if (rule.warning) warnings.push({ file, line, message: `${written}: ${rule.warning}` });
    const [min, max] = rule.arity;
    const problem =
      args.length < min || args.length > max
        ? `needs ${rule.usage || 'no arguments'}`
        : rule.apply(conf, args, {
            line,
            warn: (message) => warnings.push({ file, line, message: `${written}: ${message}` }),
          });
    if (problem !== undefined) errors.push({ file, line, message: `${written} ${problem}` });
  }
}
