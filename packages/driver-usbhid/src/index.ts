export {
  parseReportDescriptor,
  decodeExponent,
  type ReportField,
  type ReportType,
} from './hid/descriptor-parser.js';
export { readItems, HidDescriptorError, type HidItem } from './hid/items.js';
export {
  extractLogical,
  insertLogical,
  logicalToPhysical,
  physicalToLogical,
  applyExponent,
  readField,
} from './hid/values.js';
export { usageName, hidPath } from './hid/usages.js';
