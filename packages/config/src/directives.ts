import { tokenizeText } from '@nut-ts/protocol';
import type { Diagnostic } from './diagnostics.js';

/** One non-empty line of a configuration file. */
export interface Directive {
  words: string[];
  line: number;
}

/** Tokenizes a configuration file with NUT's rules, keeping each line's number. */
export function readDirectives(
  text: string,
  file: string,
): { directives: Directive[]; errors: Diagnostic[] } {
  const directives: Directive[] = [];
  const errors: Diagnostic[] = [];
  for (const event of tokenizeText(text)) {
    if (event.kind === 'error') errors.push({ file, line: event.line, message: event.message });
    else if (event.words.length > 0) directives.push({ words: event.words, line: event.line });
  }
  return { directives, errors };
}

/** Parses a whole number in [min, max]; undefined when it is not one. */
export function parseInteger(
  word: string | undefined,
  min = -Infinity,
  max = Infinity,
): number | undefined {
  if (word === undefined || !/^[+-]?\d+$/.test(word)) return undefined;
  const value = Number.parseInt(word, 10);
  return value >= min && value <= max ? value : undefined;
}

/** NUT's boolean words. */
export function parseBoolean(word: string | undefined): boolean | undefined {
  switch (word?.toLowerCase()) {
    case 'true':
    case 'yes':
    case 'on':
    case '1':
      return true;
    case 'false':
    case 'no':
    case 'off':
    case '0':
      return false;
    default:
      return undefined;
  }
}
