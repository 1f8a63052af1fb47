import { ConfigError, formatDiagnostic } from './diagnostics.js';

/** The `file:line: message` lines of the ConfigError `parse` throws; [] when it does not throw. */
export function errorsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  return [];
}

/** Same as errorsOf for the warnings of a parsed file. */
export function warningsOf(parsed: {
  warnings: readonly { file: string; line: number; message: string }[];
}): string[] {
  return parsed.warnings.map(formatDiagnostic);
}
