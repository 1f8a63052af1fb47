export { upsc } from './upsc.js';
export { upscmd } from './upscmd.js';
export { upsrw } from './upsrw.js';
export { errorText, type ToolIo } from './io.js';
export { upsdrvctl } from './upsdrvctl.js';
