/**
 * The ups.conf options usbhid-ups takes: the keys every NUT driver reads, NUT 2.8.0's usbhid-ups
 * options, and ours. Anything else is refused, naming the option, as NUT's drivers do.
 */

/** What an option is: a bare flag, or `key = value` with a check of the value. */
type OptionKind =
  | { flag: true }
  | { value: 'text' }
  | { value: 'integer'; min: number; max: number };

const FLAG = { flag: true } as const;
const TEXT = { value: 'text' } as const;
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  ({ value: 'integer', min, max }) as const;

/** Keys every NUT driver reads (main.c, upsdrvctl, upsd) and the USB matching keys. */
const COMMON: Record<string, OptionKind> = {
  driver: TEXT,
  port: TEXT,
  desc: TEXT,
  sdorder: TEXT,
  sdcommands: TEXT,
  maxstartdelay: TEXT,
  pollinterval: TEXT,
  synchronous: TEXT,
  user: TEXT,
  group: TEXT,
  chroot: TEXT,
  debug_min: TEXT,
  allow_killpower: FLAG,
  nolock: FLAG,
  ignorelb: FLAG,
  vendorid: TEXT,
  productid: TEXT,
  vendor: TEXT,
  product: TEXT,
  serial: TEXT,
  bus: TEXT,
  device: TEXT,
  busport: TEXT,
  usb_set_altinterface: TEXT,
  usb_config_index: TEXT,
  usb_hid_rep_index: TEXT,
  usb_hid_desc_index: TEXT,
  usb_hid_ep_in: TEXT,
  usb_hid_ep_out: TEXT,
  allow_duplicates: FLAG,
};

/** usbhid-ups's own options (NUT 2.8.0, later names of the same, and ours). */
const USBHID: Record<string, OptionKind> = {
  offdelay: int(-1, 65535),
  ondelay: int(-1, 65535),
  lowbatt: int(0, 100),
  pollfreq: int(1),
  pollonly: FLAG,
  interruptonly: FLAG,
  interruptsize: int(1, 4096),
  onlinedischarge: FLAG,
  onlinedischarge_onbattery: FLAG,
  onlinedischarge_calibration: FLAG,
  disable_fix_report_desc: FLAG,
  subdriver: TEXT,
  explore: FLAG,
  maxreport: FLAG,
  fakecontrol: TEXT,
};

/** Keys NUT reads that change nothing here, with why (logged once at start-up). */
export const WITHOUT_EFFECT: Readonly<Record<string, string>> = {
  nolock: 'node-hid opens the device without a lock file',
  allow_duplicates: 'one driver process opens one device',
  busport: 'node-hid does not report the port',
  device: 'node-hid does not report the device number',
  usb_set_altinterface: 'node-hid picks the interface',
  usb_config_index: 'node-hid picks the configuration',
  usb_hid_rep_index: 'node-hid picks the report descriptor',
  usb_hid_desc_index: 'node-hid picks the HID descriptor',
  usb_hid_ep_in: 'node-hid picks the endpoints',
  usb_hid_ep_out: 'node-hid picks the endpoints',
};

/** The options, checked and typed. */
export interface UsbHidOptions {
  /** `offdelay`, seconds (default: the subdriver's, 20; CyberPower 60). */
  offDelay?: number;
  /** `ondelay`, seconds (default: the subdriver's, 30; CyberPower 120). */
  onDelay?: number;
  /** `lowbatt`, percent 0…100: written to battery.charge.low at start-up. */
  lowBatt?: number;
  /**
   * `pollfreq`, seconds (1 or more) between full updates of every mapped value; the polls in
   * between read only what feeds ups.status. Default: the subdriver's (30; CyberPower 12).
   */
  pollFreq?: number;
  /** `pollonly`: the interrupt pipe is not listened to. */
  pollOnly: boolean;
  /** `interruptonly`: Feature reports are read once at start-up, then only the interrupt pipe. */
  interruptOnly: boolean;
  /** `interruptsize`, bytes (report ID included) taken from each interrupt report. */
  interruptSize?: number;
  /** What OL + DISCHRG means: NUT's default keeps it, `onlinedischarge` makes it OB. */
  onlineDischarge: 'keep' | 'onbattery' | 'calibration';
  /** `disable_fix_report_desc`: no descriptor fix-ups. */
  noDescriptorFix: boolean;
  /** `explore`: log every path of the descriptor, with its value. */
  explore: boolean;
  /** `maxreport`: ask for the largest report the descriptor declares on every read. */
  maxReport: boolean;
  subdriver?: string;
}

/** A ups.conf section usbhid-ups cannot run with; the message lists every problem. */
export class UsbHidOptionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'UsbHidOptionError';
  }
}

function kindOf(key: string): OptionKind | undefined {
  if (key.startsWith('override.') || key.startsWith('default.')) return TEXT;
  return USBHID[key] ?? COMMON[key];
}

/**
 * Checks a section's options and flags against what usbhid-ups takes and returns them typed.
 * Throws {@link UsbHidOptionError} naming every unknown option, flag without its value and
 * value out of range. A flag may also be written `flag = <anything>`.
 */
export function parseUsbHidOptions(
  options: Readonly<Record<string, string>>,
  flags: readonly string[],
): UsbHidOptions {
  const problems: string[] = [];
  const numbers: Record<string, number> = {};
  for (const [key, text] of Object.entries(options)) {
    const kind = kindOf(key);
    if (!kind) {
      problems.push(`'${key}' is not a valid variable name for usbhid-ups (see usbhid-ups -h)`);
    } else if ('value' in kind && kind.value === 'integer') {
      const value = Number(text);
      if (!/^-?\d+$/.test(text.trim()) || value < kind.min || value > kind.max)
        problems.push(
          `${key} = ${text}: needs a whole number from ${kind.min}${kind.max < Number.MAX_SAFE_INTEGER ? ` to ${kind.max}` : ' up'}`,
        );
      else numbers[key] = value;
    }
  }
  for (const flag of flags) {
    const kind = kindOf(flag);
    if (!kind) problems.push(`'${flag}' is not a valid flag for usbhid-ups (see usbhid-ups -h)`);
    else if (!('flag' in kind)) problems.push(`'${flag}' needs a value: write ${flag} = <value>`);
  }
  if (problems.length > 0) throw new UsbHidOptionError(problems);
  const has = (name: string) => flags.includes(name) || options[name] !== undefined;
  const interruptOnly = has('interruptonly');
  return {
    ...(numbers.offdelay !== undefined && { offDelay: numbers.offdelay }),
    ...(numbers.ondelay !== undefined && { onDelay: numbers.ondelay }),
    ...(numbers.lowbatt !== undefined && { lowBatt: numbers.lowbatt }),
    ...(numbers.pollfreq !== undefined && { pollFreq: numbers.pollfreq }),
    ...(numbers.interruptsize !== undefined && { interruptSize: numbers.interruptsize }),
    ...(options.subdriver !== undefined && { subdriver: options.subdriver }),
    // interruptonly wins: it needs the pipe that pollonly would ignore.
    pollOnly: has('pollonly') && !interruptOnly,
    interruptOnly,
    onlineDischarge:
      has('onlinedischarge') || has('onlinedischarge_onbattery')
        ? 'onbattery'
        : has('onlinedischarge_calibration')
          ? 'calibration'
          : 'keep',
    noDescriptorFix: has('disable_fix_report_desc'),
    explore: has('explore'),
    maxReport: has('maxreport'),
  };
}
