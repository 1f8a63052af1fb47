import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { keyValue, parseInteger, readDirectives } from './directives.js';

/** Global settings of ups.conf (before the first section). Times in seconds. */
export interface UpsGlobals {
  chroot?: string;
  driverPath?: string;
  statePath?: string;
  user?: string;
  group?: string;
  synchronous?: string;
  debugMin?: number;
  /** Seconds upsdrvctl waits for a driver to start. Default 75. */
  maxStartDelay: number;
  /** Attempts upsdrvctl makes to start a driver. Default 1. */
  maxRetry: number;
  /** Seconds between those attempts. Default 5. */
  retryDelay: number;
  /** Seconds between driver polls. Default 2. */
  pollInterval: number;
  /** Every global key as written (keys lower-cased). */
  raw: Record<string, string>;
}

/** One `[upsname]` section. */
export interface UpsSection {
  name: string;
  driver: string;
  port: string;
  desc?: string;
  /** upsdrvctl shutdown order; -1 = never. */
  sdOrder?: number;
  maxStartDelay?: number;
  /** Every `key = value` of the section, keys lower-cased (driver, port and desc included). */
  options: Record<string, string>;
  /** Bare words such as `nolock`, `ignorelb`. */
  flags: string[];
  file: string;
  line: number;
}

export interface UpsConf {
  globals: UpsGlobals;
  /** Sections in file order (the order of LIST UPS). */
  ups: UpsSection[];
  warnings: Diagnostic[];
}

const GLOBAL_NUMBERS: Record<string, keyof UpsGlobals> = {
  maxstartdelay: 'maxStartDelay',
  maxretry: 'maxRetry',
  retrydelay: 'retryDelay',
  pollinterval: 'pollInterval',
  debug_min: 'debugMin',
};
const GLOBAL_STRINGS: Record<string, keyof UpsGlobals> = {
  chroot: 'chroot',
  driverpath: 'driverPath',
  statepath: 'statePath',
  user: 'user',
  group: 'group',
  synchronous: 'synchronous',
};

interface DraftSection {
  name: string;
  line: number;
  options: Record<string, string>;
  flags: string[];
}

/** Parses ups.conf. Throws a ConfigError listing every error. */
export function parseUpsConf(text: string, file = 'ups.conf'): UpsConf {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const globals: UpsGlobals = {
    maxStartDelay: 75,
    maxRetry: 1,
    retryDelay: 5,
    pollInterval: 2,
    raw: {},
  };
  const drafts: DraftSection[] = [];
  const seen = new Set<string>();
  let current: DraftSection | undefined;

  for (const { words, line } of directives) {
    const first = words[0]!;
    const section = /^\[(.*)\]$/.exec(first);
    if (section && words.length === 1) {
      const name = section[1]!;
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
        errors.push({ file, line, message: `invalid UPS name [${name}]` });
      } else if (seen.has(name.toLowerCase())) {
        errors.push({ file, line, message: `UPS [${name}] is defined twice` });
      } else if (name.toLowerCase() === 'default') {
        errors.push({ file, line, message: 'the section name [default] is reserved' });
      }
      seen.add(name.toLowerCase());
      current = { name, line, options: {}, flags: [] };
      drafts.push(current);
      continue;
    }
    const pair = keyValue(words);
    if (!pair) {
      if (current) current.flags.push(first.toLowerCase());
      else errors.push({ file, line, message: `'${first}' outside a [ups] section needs a value` });
      continue;
    }
    const key = pair.key.toLowerCase();
    const value = pair.values.join(' ');
    if (pair.values.length === 0) {
      errors.push({ file, line, message: `'${pair.key}' has no value` });
      continue;
    }
    if (current) {
      current.options[key] = value;
      continue;
    }
    globals.raw[key] = value;
    const numeric = GLOBAL_NUMBERS[key];
    const text = GLOBAL_STRINGS[key];
    if (numeric) {
      const parsed = parseInteger(value, 0);
      if (parsed === undefined)
        errors.push({ file, line, message: `${pair.key} must be a whole number, not '${value}'` });
      else (globals as unknown as Record<string, number>)[numeric] = parsed;
    } else if (text) {
      (globals as unknown as Record<string, string>)[text] = value;
    }
  }

  const ups: UpsSection[] = [];
  for (const draft of drafts) {
    const { driver, port, desc, sdorder, maxstartdelay } = draft.options;
    if (!driver || !port) {
      const missing = [!driver && 'driver', !port && 'port'].filter(Boolean).join(' and ');
      warnings.push({
        file,
        line: draft.line,
        message: `UPS [${draft.name}] has no ${missing}: ignored`,
      });
      continue;
    }
    const entry: UpsSection = {
      name: draft.name,
      driver,
      port,
      options: draft.options,
      flags: draft.flags,
      file,
      line: draft.line,
    };
    if (desc !== undefined) entry.desc = desc;
    if (sdorder !== undefined) {
      const parsed = parseInteger(sdorder, -1);
      if (parsed === undefined)
        errors.push({
          file,
          line: draft.line,
          message: `[${draft.name}] sdorder must be a whole number >= -1`,
        });
      else entry.sdOrder = parsed;
    }
    if (maxstartdelay !== undefined) {
      const parsed = parseInteger(maxstartdelay, 0);
      if (parsed === undefined)
        errors.push({
          file,
          line: draft.line,
          message: `[${draft.name}] maxstartdelay must be a whole number`,
        });
      else entry.maxStartDelay = parsed;
    }
    ups.push(entry);
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze({ globals, ups, warnings });
}
