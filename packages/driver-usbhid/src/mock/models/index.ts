import type { FakeModel } from '../fake-model.js';
import { APC_BACK_UPS } from './apc-back-ups.js';
import { CYBERPOWER_CP1500 } from './cyberpower-cp1500.js';
import { EATON_5E } from './eaton-5e.js';

export { APC_BACK_UPS, CYBERPOWER_CP1500, EATON_5E };

/** The fake models `port = fake:<name>` can select. */
export const FAKE_MODELS: readonly FakeModel[] = [APC_BACK_UPS, CYBERPOWER_CP1500, EATON_5E];

/** The model called `name` (case-insensitive; `mge` is Eaton's old name). */
export function fakeModel(name: string): FakeModel | undefined {
  const wanted = name.toLowerCase() === 'mge' ? 'eaton' : name.toLowerCase();
  return FAKE_MODELS.find((m) => m.name === wanted);
}
