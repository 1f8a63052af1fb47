/** Encoders for the requests that change something: SET and INSTCMD. */
import { command, requestLine, ups, variable } from './request-line.js';

/**
 * `SET VAR <ups> <var> "<value>"`, the value always quoted (RFC 9271's grammar). Answered
 * `OK`, or `OK TRACKING <id>` with tracking on.
 */
export const encodeSetVar = (name: string, varName: string, value: string): string =>
  requestLine(['SET', 'VAR'], [ups(name), variable(varName), { value, what: 'value' }]);
/** `SET TRACKING ON|OFF`: whether later SET VAR and INSTCMD replies carry a tracking id. */
export const encodeSetTracking = (on: boolean): string =>
  requestLine(['SET', 'TRACKING', on ? 'ON' : 'OFF']);
/**
 * `INSTCMD <ups> <cmd> [<value>]` (the value needs protocol 1.3). Answered `OK`, or
 * `OK TRACKING <id>` with tracking on.
 */
export const encodeInstcmd = (name: string, cmdName: string, value?: string): string =>
  requestLine(
    ['INSTCMD'],
    [ups(name), command(cmdName), ...(value === undefined ? [] : [{ word: value, what: 'value' }])],
  );
