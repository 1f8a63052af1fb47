export { MegatecUps, type SimulatorOptions, type Faults } from './sim/megatec-ups.js';
export { serveOverTcp } from './sim/tcp-server.js';
export { control } from './sim/control.js';
export { serveOverPty } from './sim/pty-server.js';
