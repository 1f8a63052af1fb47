export { MegatecUps, type SimulatorOptions, type Faults } from './sim/megatec-ups.js';
export { UpsModel, type ModelOptions, type Restore } from './sim/ups-model.js';
export { serveOverTcp } from './sim/tcp-server.js';
export { serveOverPty } from './sim/pty-server.js';
export { commandHandler } from './sim/line-handler.js';
export { control, CONTROL_HELP } from './sim/control.js';
export { runMegatecSim, type SimIo } from './sim/cli.js';
export { SimulatorBinding, type SimulatedLine } from './bindings/simulator-binding.js';
