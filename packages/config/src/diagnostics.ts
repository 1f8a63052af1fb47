/** One problem found in a configuration file. */
export interface Diagnostic {
  file: string;
  /** 1-based line number. */
  line: number;
  message: string;
}

/** `file:line: message`, the form every nut-ts program prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.message}`;
}

/** A configuration that cannot be used; `diagnostics` holds every error found, not only the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}

/** The configuration directory: `$NUT_CONFPATH`, else `/etc/nut`. */
export function confPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.NUT_CONFPATH || '/etc/nut';
}

function refuseChange(): never {
  throw new TypeError('a parsed configuration cannot be changed');
}

/**
 * Deep-freezes objects, arrays and maps so a parsed configuration cannot change. Object.freeze
 * does not stop Map.set, so a map's mutators are replaced by ones that throw.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    if (value instanceof Map) {
      for (const item of value.values()) deepFreeze(item);
      for (const name of ['set', 'delete', 'clear'])
        Object.defineProperty(value, name, { value: refuseChange });
    } else {
      for (const item of Object.values(value)) deepFreeze(item);
    }
    Object.freeze(value);
  }
  return value;
}
