/** What a HID device says about itself before it is opened. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  /** Bus or platform path, for matching with `bus`/`device`. */
  path?: string;
  /** The top-level collection's usage page and usage (0x84/0x04 for a UPS), when known. */
  usagePage?: number;
  usage?: number;
}

/**
 * The little the driver needs from a USB HID device. The node-hid binding implements it for
 * real hardware; fake devices implement it in tests.
 */
export interface HidDevice {
  readonly info: HidDeviceInfo;
  getReportDescriptor(): Promise<Uint8Array>;
  /** GET_REPORT(Feature): the returned buffer starts with the report ID. */
  getFeatureReport(reportId: number, length: number): Promise<Uint8Array>;
  /** SET_REPORT(Feature): `data[0]` is the report ID. */
  sendFeatureReport(data: Uint8Array): Promise<void>;
  /**
   * A USB string descriptor (the i* usages: iManufacturer, iDeviceChemistry...). Optional:
   * node-hid cannot read them, so the driver falls back to the device info strings.
   */
  getIndexedString?(index: number): Promise<string | undefined>;
  /** Input reports from the interrupt pipe (buffer starts with the report ID). */
  onInputReport(listener: (data: Uint8Array) => void): void;
  /** The interrupt pipe failed (the device is gone). Optional: polls notice it otherwise. */
  onError?(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** Finds and opens devices (node-hid, or a fake). */
export interface HidBinding {
  devices(): Promise<HidDeviceInfo[]>;
  open(info: HidDeviceInfo): Promise<HidDevice>;
}
