/**
 * Encoders for the requests that set up and tear down a session: informational commands,
 * STARTTLS, credentials and attachment. Each returns one LF-terminated request line.
 */
import { requestLine, ups } from './request-line.js';

/** `VER`: the server's version banner. */
export const encodeVer = (): string => requestLine(['VER']);
/** `NETVER`: the protocol version (`1.3`). */
export const encodeNetver = (): string => requestLine(['NETVER']);
/** `PROTVER`: RFC 9271's name for NETVER (NUT 2.8.0 and later). */
export const encodeProtver = (): string => requestLine(['PROTVER']);
/** `HELP`: the list of commands. */
export const encodeHelp = (): string => requestLine(['HELP']);
/** `STARTTLS`: answered `OK STARTTLS`, then the TLS handshake starts on the same socket. */
export const encodeStartTls = (): string => requestLine(['STARTTLS']);

/** `USERNAME <name>`. */
export const encodeUsername = (name: string): string =>
  requestLine(['USERNAME'], [{ word: name, what: 'user name' }]);
/** `PASSWORD <password>`. */
export const encodePassword = (password: string): string =>
  requestLine(['PASSWORD'], [{ word: password, what: 'password' }]);

/** `LOGIN <ups>`: counts this connection as a system powered by `ups`. */
export const encodeLogin = (name: string): string => requestLine(['LOGIN'], [ups(name)]);
/** `ATTACH <ups>`: RFC 9271's name for LOGIN (NUT's upsd does not know it). */
export const encodeAttach = (name: string): string => requestLine(['ATTACH'], [ups(name)]);
/** `LOGOUT`: answered `OK Goodbye`, then the server closes the connection. */
export const encodeLogout = (): string => requestLine(['LOGOUT']);
/** `DETACH`: RFC 9271's name for LOGOUT (NUT's upsd does not know it). */
export const encodeDetach = (): string => requestLine(['DETACH']);

/** `PRIMARY <ups>`: checks the primary right (NUT 2.8.0 and later). */
export const encodePrimary = (name: string): string => requestLine(['PRIMARY'], [ups(name)]);
/** `MASTER <ups>`: the name of PRIMARY before NUT 2.8.0. */
export const encodeMaster = (name: string): string => requestLine(['MASTER'], [ups(name)]);
/** `FSD <ups>`: sets the forced-shutdown latch of `ups`. */
export const encodeFsd = (name: string): string => requestLine(['FSD'], [ups(name)]);
