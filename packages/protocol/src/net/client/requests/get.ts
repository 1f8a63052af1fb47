/** Encoders for the GET requests. Each returns one LF-terminated request line. */
import { command, requestLine, ups, variable } from './request-line.js';

/** `GET VAR <ups> <var>`: answered `VAR <ups> <var> "<value>"`. */
export const encodeGetVar = (name: string, varName: string): string =>
  requestLine(['GET', 'VAR'], [ups(name), variable(varName)]);
/** `GET TYPE <ups> <var>`: answered `TYPE <ups> <var> <flags...>`. */
export const encodeGetType = (name: string, varName: string): string =>
  requestLine(['GET', 'TYPE'], [ups(name), variable(varName)]);
/** `GET DESC <ups> <var>`: answered `DESC <ups> <var> "<text>"`. */
export const encodeGetDesc = (name: string, varName: string): string =>
  requestLine(['GET', 'DESC'], [ups(name), variable(varName)]);
/** `GET CMDDESC <ups> <cmd>`: answered `CMDDESC <ups> <cmd> "<text>"`. */
export const encodeGetCmdDesc = (name: string, cmdName: string): string =>
  requestLine(['GET', 'CMDDESC'], [ups(name), command(cmdName)]);
/** `GET UPSDESC <ups>`: answered `UPSDESC <ups> "<text>"`. */
export const encodeGetUpsDesc = (name: string): string =>
  requestLine(['GET', 'UPSDESC'], [ups(name)]);
/** `GET NUMLOGINS <ups>`: answered `NUMLOGINS <ups> <n>`. */
export const encodeGetNumLogins = (name: string): string =>
  requestLine(['GET', 'NUMLOGINS'], [ups(name)]);
/**
 * `GET NUMATTACH <ups>`: RFC 9271's name for GET NUMLOGINS, answered `NUMATTACH <ups> <n>`.
 * NUT's upsd does not know it (`ERR INVALID-ARGUMENT`).
 */
export const encodeGetNumAttach = (name: string): string =>
  requestLine(['GET', 'NUMATTACH'], [ups(name)]);
/**
 * `GET TRACKING`: the session's tracking mode (`ON`/`OFF`); with `id`, the result of that
 * tracked request (`PENDING`, `SUCCESS` or an `ERR`).
 */
export const encodeGetTracking = (id?: string): string =>
  requestLine(['GET', 'TRACKING'], id === undefined ? [] : [{ word: id, what: 'tracking id' }]);
