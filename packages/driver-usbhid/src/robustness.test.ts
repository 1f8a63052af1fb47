import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HidDescriptorError } from './hid/items.js';
import type { HidDevice } from './hid-device.js';
import { FakePowerDevice } from './mock/fake-power-device.js';
import { FAKE_MODELS } from './mock/models/index.js';
import { testContext } from './test/driver-context.js';
import { UsbHidDriver } from './usbhid-driver.js';
import { fuzzRuns } from '@nut-ts/testkit';

/** A model's device whose firmware answers with the given bytes instead of its reports. */
function garbling(
  model: (typeof FAKE_MODELS)[number],
  reports: Uint8Array[],
  descriptor?: Uint8Array,
): HidDevice {
  const real = new FakePowerDevice(model);
  let next = 0;
  const garbage = () => reports[next++ % reports.length] ?? new Uint8Array();
  return {
    info: real.info,
    getReportDescriptor: async () => descriptor ?? real.model.descriptor,
    getFeatureReport: async () => garbage(),
    sendFeatureReport: async () => {},
    getIndexedString: async (index) => (index % 3 === 0 ? undefined : `s${index}`),
    onInputReport: (listener) => reports.forEach((r) => listener(r)),
    close: async () => {},
  };
}

const run = async (device: HidDevice) => {
  const ctx = testContext();
  const driver = new UsbHidDriver(async () => ({
    devices: async () => [device.info],
    open: async () => device,
  }));
  await driver.init(ctx);
  await driver.update(ctx);
  return ctx.store;
};

describe('usbhid-ups against misbehaving firmware', () => {
  it('publishes well-formed values and status whatever bytes the reports hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FAKE_MODELS),
        fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        async (model, reports) => {
          const store = await run(garbling(model, reports));
          for (const name of store.names()) expect(store.getInfo(name)).not.toMatch(/[\n\0]|NaN/);
          // ALARM comes first when the status bits raise alarms (NUT's status_commit).
          expect(store.getInfo('ups.status')).toMatch(/^(ALARM )?(OL|OB)( [A-Z]+)*$/);
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('refuses a corrupt descriptor with a HidDescriptorError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (descriptor) => {
        try {
          await run(garbling(FAKE_MODELS[0]!, [Uint8Array.of(1, 2, 3)], descriptor));
        } catch (error) {
          expect(error).toBeInstanceOf(HidDescriptorError);
        }
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
