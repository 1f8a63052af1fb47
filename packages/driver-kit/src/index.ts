export { StateStore } from './state-store.js';
export { DriverSocketServer, type DriverHandlers } from './socket-server.js';
export { StatusBuilder, type StatusBuilderOptions } from './status.js';
export type { Driver, DriverContext, DriverMeta } from './driver.js';
export { DriverRuntime, type RuntimeOptions } from './driver-runtime.js';
export { runDriverCli, type DriverIo, type SignalSource } from './cli.js';
