export { createUpsd, type Upsd, type UpsdConfig, type UpsdDeps } from './create-upsd.js';
export { Descriptions } from './descriptions.js';
export { loadUpsdConfig, runUpsd } from './cli.js';
