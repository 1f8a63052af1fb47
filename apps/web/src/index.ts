export { createWeb, type NutWeb, type WebConfig } from './create-web.js';
export { ServerWatch, type ServerSpec } from './server-watch.js';
export { renderMetrics } from './http/metrics.js';
export { runWeb } from './cli.js';
export type { UpsSnapshot, ServerSnapshot, WebEvent } from './ups-state.js';
