export {
  Tokenizer,
  tokenizeText,
  tokenizeLine,
  HASH_IN_QUOTES_ERROR,
  type TokenizedLine,
  type TokenizeError,
  type TokenizerEvent,
  type TokenizerOptions,
} from './tokenizer.js';
export { escapeValue, unescapeValue, quote, encodeArg, encodeLine } from './encode.js';
export { LineFramer, type FramedLine, type LineFramerOptions } from './line-framer.js';
export {
  decodeDriverMessage,
  encodeDriverMessage,
  decodeServerToDriver,
  encodeServerToDriver,
  DRIVER_TRACKING,
  type DriverMessage,
  type ServerToDriverMessage,
} from './driver/messages.js';
export {
  replyWords,
  afterEcho,
  decodeSingle,
  decodeList,
  decodeType,
  endsList,
  ReplyMismatch,
  type VarType,
} from './net/client/replies.js';
export {
  decodeCount,
  decodeNumLogins,
  decodeTrackingResult,
  decodeTrackingMode,
  decodeProtocolVersion,
  decodeText,
} from './net/client/replies.js';
export { decodeOk, decodeTrackedOk, type OkKind } from './net/client/ok-replies.js';
export { checkWireSafe } from './net/client/requests/request-line.js';
export {
  encodeVer,
  encodeNetver,
  encodeProtver,
  encodeHelp,
  encodeStartTls,
  encodeUsername,
  encodePassword,
  encodeLogin,
  encodeAttach,
  encodeLogout,
  encodeDetach,
  encodePrimary,
  encodeMaster,
  encodeFsd,
} from './net/client/requests/session.js';
export {
  encodeGetVar,
  encodeGetType,
  encodeGetDesc,
  encodeGetCmdDesc,
  encodeGetUpsDesc,
  encodeGetNumLogins,
  encodeGetNumAttach,
  encodeGetTracking,
} from './net/client/requests/get.js';
export {
  encodeListUps,
  encodeListVar,
  encodeListRw,
  encodeListCmd,
  encodeListEnum,
  encodeListRange,
  encodeListClient,
} from './net/client/requests/list.js';
export { encodeSetVar, encodeSetTracking, encodeInstcmd } from './net/client/requests/set.js';
export { decodeRequest, type NetRequest, type DecodedRequest } from './net/server/requests.js';
export {
  NO_DESCRIPTION,
  NO_UPSDESC,
  errorReply,
  valueReply,
  wordsReply,
  typeReply,
  rangeItem,
  listReply,
  sortByName,
  compareCi,
} from './net/server/replies.js';
