export { FakePowerDevice, fakeBinding, genericUpsDescriptor } from './mock/fake-power-device.js';
export { DescriptorBuilder } from './mock/descriptor-builder.js';
