export { FakePowerDevice, fakeBinding, type FakeWrite } from './mock/fake-power-device.js';
export { DescriptorBuilder } from './mock/descriptor-builder.js';
export { UpsBehaviour, type UpsChange, type UpsRatings } from './mock/ups-behaviour.js';
export { hidDate, standardWrite, type FakeModel } from './mock/fake-model.js';
export {
  APC_BACK_UPS,
  CYBERPOWER_CP1500,
  EATON_5E,
  FAKE_MODELS,
  fakeModel,
} from './mock/models/index.js';
