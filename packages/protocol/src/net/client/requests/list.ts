/**
 * Encoders for the LIST requests. Each returns one LF-terminated request line; the reply is a
 * `BEGIN LIST <query>` ... `END LIST <query>` block, or a single `ERR` line.
 */
import { requestLine, ups, variable } from './request-line.js';

/** `LIST UPS`: items `UPS <name> "<description>"`. */
export const encodeListUps = (): string => requestLine(['LIST', 'UPS']);
/** `LIST VAR <ups>`: items `VAR <ups> <var> "<value>"`. */
export const encodeListVar = (name: string): string => requestLine(['LIST', 'VAR'], [ups(name)]);
/** `LIST RW <ups>`: items `RW <ups> <var> "<value>"`, writable variables only. */
export const encodeListRw = (name: string): string => requestLine(['LIST', 'RW'], [ups(name)]);
/** `LIST CMD <ups>`: items `CMD <ups> <cmd>`. */
export const encodeListCmd = (name: string): string => requestLine(['LIST', 'CMD'], [ups(name)]);
/** `LIST ENUM <ups> <var>`: items `ENUM <ups> <var> "<value>"`. */
export const encodeListEnum = (name: string, varName: string): string =>
  requestLine(['LIST', 'ENUM'], [ups(name), variable(varName)]);
/** `LIST RANGE <ups> <var>`: items `RANGE <ups> <var> "<min>" "<max>"`. */
export const encodeListRange = (name: string, varName: string): string =>
  requestLine(['LIST', 'RANGE'], [ups(name), variable(varName)]);
/** `LIST CLIENT <ups>`: items `CLIENT <ups> <address>`, one per LOGIN. */
export const encodeListClient = (name: string): string =>
  requestLine(['LIST', 'CLIENT'], [ups(name)]);
