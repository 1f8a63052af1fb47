import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { parseInteger, readDirectives, type Directive } from './directives.js';

/** Global settings of ups.conf (before the first section). Times in seconds. */
export interface UpsGlobals {
  chroot?: string;
  driverPath?: string;
  statePath?: string;
  user?: string;
  group?: string;
  /** auto, yes or no: blocking writes to the driver socket. */
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
  /** Every global `key = value` as written. Keys are case-sensitive, as in NUT. */
  raw: Record<string, string>;
  /** Bare global words such as `nowait`. */
  flags: string[];
}

/** One `[upsname]` section. */
export interface UpsSection {
  name: string;
  driver: string;
  port: string;
  desc?: string;
  /** upsdrvctl shutdown order, -1 = never. */
  sdOrder?: number;
  /** Seconds upsdrvctl waits for this driver to start; overrides the global. */
  maxStartDelay?: number;
  /**
   * Every `key = value` of the section (driver, port and desc included). Keys are as written:
   * NUT matches them case-sensitively, so `Driver = x` is not a driver.
   */
  options: Record<string, string>;
  /** Bare words such as `nolock`, `ignorelb`, as written. */
  flags: string[];
  file: string;
  /** 1-based line of the `[name]` header. */
  line: number;
}

export interface UpsConf {
  globals: UpsGlobals;
  /** Sections in file order (the order of LIST UPS). */
  ups: UpsSection[];
  warnings: Diagnostic[];
}

type GlobalNumber = 'maxStartDelay' | 'maxRetry' | 'retryDelay' | 'pollInterval' | 'debugMin';
type GlobalText = 'chroot' | 'driverPath' | 'statePath' | 'user' | 'group' | 'synchronous';

/** ups.conf global keys: the field each fills (numbers with their smallest value), or null if only kept raw. */
export const UPS_GLOBAL_KEYS: Readonly<
  Record<string, { number: GlobalNumber; min: number } | { text: GlobalText } | null>
> = {
  maxstartdelay: { number: 'maxStartDelay', min: 0 },
  maxretry: { number: 'maxRetry', min: 1 },
  retrydelay: { number: 'retryDelay', min: 0 },
  pollinterval: { number: 'pollInterval', min: 1 },
  debug_min: { number: 'debugMin', min: 0 },
  chroot: { text: 'chroot' },
  driverpath: { text: 'driverPath' },
  statepath: { text: 'statePath' },
  user: { text: 'user' },
  group: { text: 'group' },
  synchronous: { text: 'synchronous' },
  nowait: null,
  LIBUSB_DEBUG: null,
  reconnect_max_tries: null,
};

/** ups.conf defaults of NUT 2.8. */
export const UPS_GLOBAL_DEFAULTS = Object.freeze({
  maxStartDelay: 75,
  maxRetry: 1,
  retryDelay: 5,
  pollInterval: 2,
});

/** Per-section keys with a number type: smallest value. Others are strings for the driver. */
const SECTION_NUMBERS: Readonly<
  Record<string, { field: 'sdOrder' | 'maxStartDelay'; min: number }>
> = { sdorder: { field: 'sdOrder', min: -1 }, maxstartdelay: { field: 'maxStartDelay', min: 0 } };

/** Section keys every NUT program reads, for the wrong-case warning. */
const SECTION_KEYS = ['driver', 'port', 'desc', 'sdorder', 'sdcommands', 'maxstartdelay'];

/** Warns when `key` is a known key in the wrong case (NUT ignores it); true if it did. */
function warnCase(key: string, known: readonly string[], warn: (message: string) => void): boolean {
  const meant = known.find((k) => k !== key && k.toLowerCase() === key.toLowerCase());
  if (meant) warn(`'${key}' is not '${meant}': NUT reads keys case-sensitively and ignores it`);
  return meant !== undefined;
}

interface DraftSection {
  name: string;
  line: number;
  options: Record<string, string>;
  /** Line of each option, for messages. */
  lines: Record<string, number>;
  flags: string[];
}

/**
 * NUT's ups.conf line forms: `[name]`, a bare flag, `key = value`. Like NUT, `key value`
 * without `=` is ignored and only the first word after `=` counts (each with a warning here).
 */
function classify(
  { words, line }: Directive,
  file: string,
  warnings: Diagnostic[],
): { section: string } | { flag: string } | { key: string; value: string } | undefined {
  const [first, second, value, ...extra] = words as [string, ...(string | undefined)[]];
  if (first.length > 1 && first.startsWith('[') && first.endsWith(']')) {
    if (second !== undefined)
      warnings.push({ file, line, message: `words after ${first} ignored` });
    return { section: first.slice(1, -1) };
  }
  if (second === undefined) return { flag: first };
  if (second !== '=' || value === undefined) {
    const hint = second === '=' ? 'has no value' : `needs '=': write '${first} = ${second}'`;
    warnings.push({ file, line, message: `'${first}' ${hint}; line ignored, as NUT does` });
    return undefined;
  }
  if (extra.length > 0)
    warnings.push({
      file,
      line,
      message: `${first} takes '${value}' only, as NUT does; quote a value that has spaces`,
    });
  return { key: first, value };
}

/** Parses ups.conf. Throws a ConfigError listing every error. */
export function parseUpsConf(text: string, file = 'ups.conf'): UpsConf {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const globals: UpsGlobals = { ...UPS_GLOBAL_DEFAULTS, raw: {}, flags: [] };
  const drafts: DraftSection[] = [];
  let current: DraftSection | undefined;

  for (const directive of directives) {
    const { line } = directive;
    const error = (message: string) => errors.push({ file, line, message });
    const warn = (message: string) => warnings.push({ file, line, message });
    const form = classify(directive, file, warnings);
    if (!form) continue;
    if ('section' in form) {
      const name = form.section;
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
        error(`invalid UPS name [${name}]: use letters, digits, '_', '.' and '-'`);
      else if (name.toLowerCase() === 'default') error('the section name [default] is reserved');
      else if (drafts.some((d) => d.name.toLowerCase() === name.toLowerCase()))
        error(`UPS [${name}] is defined twice`);
      current = { name, line, options: {}, lines: {}, flags: [] };
      drafts.push(current);
    } else if ('flag' in form) {
      (current ?? globals).flags.push(form.flag);
    } else if (current) {
      warnCase(form.key, SECTION_KEYS, warn);
      current.options[form.key] = form.value;
      current.lines[form.key] = line;
    } else {
      globals.raw[form.key] = form.value;
      const spec = Object.hasOwn(UPS_GLOBAL_KEYS, form.key) ? UPS_GLOBAL_KEYS[form.key] : undefined;
      if (spec === undefined) {
        if (!warnCase(form.key, Object.keys(UPS_GLOBAL_KEYS), warn))
          warn(`unknown global '${form.key}' ignored`);
      } else if (spec && 'text' in spec) {
        globals[spec.text] = form.value;
      } else if (spec) {
        const value = parseInteger(form.value, spec.min);
        if (value === undefined)
          error(`${form.key} must be a whole number >= ${spec.min}, not '${form.value}'`);
        else globals[spec.number] = value;
      }
    }
  }
  const ups = drafts.flatMap((draft) => finishSection(draft, file, errors, warnings));
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze({ globals, ups, warnings });
}

function finishSection(
  draft: DraftSection,
  file: string,
  errors: Diagnostic[],
  warnings: Diagnostic[],
): UpsSection[] {
  const { name, line, options, lines, flags } = draft;
  const { driver, port, desc } = options;
  if (!driver || !port) {
    const missing = [!driver && 'driver', !port && 'port'].filter(Boolean).join(' and ');
    warnings.push({ file, line, message: `UPS [${name}] has no ${missing}: ignored, as NUT does` });
    return [];
  }
  const entry: UpsSection = { name, driver, port, options, flags, file, line };
  if (desc !== undefined) entry.desc = desc;
  for (const [key, { field, min }] of Object.entries(SECTION_NUMBERS)) {
    const raw = options[key];
    if (raw === undefined) continue;
    const value = parseInteger(raw, min);
    if (value === undefined)
      errors.push({
        file,
        line: lines[key] ?? line,
        message: `[${name}] ${key} must be a whole number >= ${min}, not '${raw}'`,
      });
    else entry[field] = value;
  }
  return [entry];
}
