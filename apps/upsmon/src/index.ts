export { UpsmonMachine } from './state-machine/machine.js';
export type { MachineAction, MachineConfig, MachineEvent, Phase } from './state-machine/types.js';
export { isCritical } from './state-machine/critical.js';
export { UpsmonRuntime, type UpsmonDeps } from './runtime/upsmon-runtime.js';
export { POWERDOWN_FLAG_CONTENT, powerDownFlagSet } from './runtime/shutdown.js';
export { formatNotifyMessage } from './runtime/notifier.js';
export { runUpsmon } from './cli.js';
