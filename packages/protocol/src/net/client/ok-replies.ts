import { replyWords, ReplyMismatch } from './replies.js';

/**
 * The OK replies each request may get, as the words after `OK` (compared case-insensitively).
 * PRIMARY and MASTER also accept a bare `OK`, which is what RFC 9271 specifies.
 */
const OK_VARIANTS = {
  /** USERNAME, PASSWORD, LOGIN/ATTACH, SET TRACKING. */
  plain: [[]],
  /** LOGOUT/DETACH. */
  goodbye: [['Goodbye']],
  starttls: [['STARTTLS']],
  primary: [['PRIMARY-GRANTED'], []],
  master: [['MASTER-GRANTED'], []],
  fsd: [['FSD-SET']],
} as const satisfies Record<string, ReadonlyArray<readonly string[]>>;

/** Which request an OK answers, and so which variant it must be. */
export type OkKind = keyof typeof OK_VARIANTS;

function expectedText(kind: OkKind): string {
  return OK_VARIANTS[kind].map((tail) => ['OK', ...tail].join(' ')).join("' or '");
}

const sameWords = (got: readonly string[], want: readonly string[]): boolean =>
  got.length === want.length &&
  got.every((word, i) => word.toUpperCase() === want[i]!.toUpperCase());

/**
 * Checks an OK reply is the variant `kind` expects; throws the server's NutError for `ERR`,
 * ReplyMismatch for anything else (another variant means the replies are out of step).
 */
export function decodeOk(line: string, kind: OkKind): void {
  const reply = replyWords(line);
  const accepted = OK_VARIANTS[kind].some((tail) => sameWords(reply, ['OK', ...tail]));
  if (!accepted) throw new ReplyMismatch(`expected '${expectedText(kind)}', got '${line}'`);
}

/**
 * Decodes the reply to SET VAR or INSTCMD: `OK`, or `OK TRACKING <id>` when tracking is on
 * (the id is returned).
 */
export function decodeTrackedOk(line: string): { trackingId?: string } {
  const reply = replyWords(line);
  if (sameWords(reply, ['OK'])) return {};
  if (reply.length === 3 && sameWords(reply.slice(0, 2), ['OK', 'TRACKING']) && reply[2] !== '')
    return { trackingId: reply[2]! };
  throw new ReplyMismatch(`expected 'OK' or 'OK TRACKING <id>', got '${line}'`);
}
