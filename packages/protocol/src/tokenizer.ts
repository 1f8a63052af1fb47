// Imported rather than global: Node's global Buffer is a getter, looked up on every push.
import { Buffer } from 'node:buffer';
import { NutError } from '@nut-ts/core';

/**
 * NUT's line tokenizer (parseconf rules), shared by the network protocol, the driver socket
 * and every configuration file. It is a byte-at-a-time state machine, so input may arrive in
 * chunks of any size. Memory is bounded: at most `maxWords` words of `maxWordLength` bytes.
 */

/** A complete logical line: its words and the 1-based line number where it began. */
export interface TokenizedLine {
  kind: 'line';
  words: string[];
  line: number;
}

/** A line that could not be tokenized; the rest of that line has been discarded. */
export interface TokenizeError {
  kind: 'error';
  message: string;
  line: number;
}

export type TokenizerEvent = TokenizedLine | TokenizeError;

export interface TokenizerOptions {
  /** Words kept per line; later words are dropped. Default 32 (NUT's limit). */
  maxWords?: number;
  /** Bytes kept per word; the rest is dropped. Default 512 (NUT's limit). */
  maxWordLength?: number;
}

/** Message NUT logs for the one tokenizer error possible on a network connection. */
export const HASH_IN_QUOTES_ERROR = 'Unbalanced word due to unescaped # in quotes';

const enum State {
  BetweenWords,
  Bare,
  Quoted,
  Comment,
  Discard,
}

const LF = 0x0a;
const HASH = 0x23;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

const SPACE = 0x20;
/** NUT's limits: words kept per line, bytes kept per word. */
const MAX_WORDS = 32;
const MAX_WORD_LENGTH = 512;

/** A byte the fast path may copy as is: printable ASCII but no backslash or `#`; `=` only in quotes. */
function plainByte(byte: number, quoted: boolean): boolean {
  if (byte < SPACE || byte > 0x7e || byte === BACKSLASH || byte === HASH) return false;
  return quoted || (byte !== SPACE && byte !== EQUALS);
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/**
 * The fast path for the common line (`line` without its LF): printable ASCII words, bare or
 * in double quotes, separated by spaces, with no backslash, no `#`, and no `=` outside quotes.
 * Such a line tokenizes to exactly these words, so they are sliced out at once instead of
 * stepping byte by byte. Undefined when the line needs the state machine.
 */
function plainWords(line: string, maxWords: number, maxWordLength: number): string[] | undefined {
  const words: string[] = [];
  const end = line.length;
  let i = 0;
  for (;;) {
    while (i < end && line.charCodeAt(i) === SPACE) i++;
    if (i === end) return words;
    let start = i;
    if (line.charCodeAt(i) === QUOTE) {
      start = ++i;
      while (i < end && line.charCodeAt(i) !== QUOTE)
        if (!plainByte(line.charCodeAt(i++), true)) return undefined;
      // An LF inside quotes does not end the line: the state machine knows what to do.
      if (i === end) return undefined;
    } else {
      while (i < end && line.charCodeAt(i) !== SPACE)
        if (!plainByte(line.charCodeAt(i++), false)) return undefined;
    }
    if (words.length < maxWords) words.push(line.slice(start, Math.min(i, start + maxWordLength)));
    if (i < end && line.charCodeAt(i) === QUOTE) i++;
  }
}

export class Tokenizer {
  private readonly maxWords: number;
  private readonly maxWordLength: number;
  private state = State.BetweenWords;
  /** The next byte is taken literally (after a backslash). */
  private literal = false;
  private words: string[] = [];
  private word: number[] = [];
  private inWord = false;
  private lineNumber = 1;
  private lineStart = 1;

  constructor(options: TokenizerOptions = {}) {
    this.maxWords = options.maxWords ?? MAX_WORDS;
    this.maxWordLength = options.maxWordLength ?? MAX_WORD_LENGTH;
  }

  /** Feeds bytes (a string is taken as latin1 bytes) and returns the events they completed. */
  push(chunk: Uint8Array | string): TokenizerEvent[] {
    const text = typeof chunk === 'string';
    const bytes = text
      ? Buffer.from(chunk, 'latin1')
      : Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const events: TokenizerEvent[] = [];
    // Bytes before this index are left to the state machine (their line is not plain), so
    // a long run of spaces is never rescanned byte after byte.
    let slowUntil = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (i >= slowUntil && this.atLineStart()) {
        const lf = bytes.indexOf(LF, i);
        const words =
          lf === -1
            ? undefined
            : plainWords(
                text ? chunk.slice(i, lf) : bytes.toString('latin1', i, lf),
                this.maxWords,
                this.maxWordLength,
              );
        if (words) {
          events.push({ kind: 'line', words, line: this.lineStart });
          this.reset(1);
          i = lf;
          continue;
        }
        slowUntil = lf === -1 ? bytes.length : lf + 1;
      }
      const event = this.step(bytes[i]!);
      if (event) events.push(event);
    }
    return events;
  }

  private atLineStart(): boolean {
    return (
      this.state === State.BetweenWords && !this.inWord && !this.literal && this.words.length === 0
    );
  }

  /** Ends the input: a pending line without a final LF is completed. */
  end(): TokenizerEvent[] {
    if (this.state === State.Discard) {
      this.reset();
      return [];
    }
    const pending =
      this.inWord || this.words.length > 0 || this.state === State.Comment || this.literal;
    if (!pending) return [];
    this.literal = false;
    return [this.finishLine()];
  }

  /** Bytes held for the line in progress: at most (maxWords + 1) × maxWordLength. */
  get buffered(): number {
    return this.words.reduce((sum, word) => sum + word.length, 0) + this.word.length;
  }

  /** True when a line has started but is not complete. */
  get midLine(): boolean {
    return this.inWord || this.words.length > 0 || this.state !== State.BetweenWords;
  }

  private step(byte: number): TokenizerEvent | undefined {
    if (this.state === State.Discard) {
      if (byte === LF) this.reset(1);
      return undefined;
    }
    if (this.state === State.Comment) {
      if (byte === LF) return this.finishLine(1);
      return undefined;
    }
    if (this.literal) {
      this.literal = false;
      if (byte === LF) {
        this.lineNumber++;
        return undefined;
      }
      this.addChar(byte);
      return undefined;
    }
    switch (this.state) {
      case State.BetweenWords:
        return this.stepBetween(byte);
      case State.Bare:
        return this.stepBare(byte);
      case State.Quoted:
        return this.stepQuoted(byte);
    }
    return undefined;
  }

  private stepBetween(byte: number): TokenizerEvent | undefined {
    if (byte === LF) return this.finishLine(1);
    if (byte === HASH) {
      this.state = State.Comment;
    } else if (isSpace(byte)) {
      // skip
    } else if (byte === BACKSLASH) {
      this.startWord(State.Bare);
      this.literal = true;
    } else if (byte === QUOTE) {
      this.startWord(State.Quoted);
    } else if (byte === EQUALS) {
      this.startWord(State.Bare);
      this.addChar(byte);
      this.endWord();
    } else {
      this.startWord(State.Bare);
      this.addChar(byte);
    }
    return undefined;
  }

  private stepBare(byte: number): TokenizerEvent | undefined {
    if (byte === HASH) {
      this.endWord();
      this.state = State.Comment;
    } else if (byte === LF) {
      this.endWord();
      return this.finishLine(1);
    } else if (isSpace(byte)) {
      this.endWord();
    } else if (byte === EQUALS) {
      this.endWord();
      this.startWord(State.Bare);
      this.addChar(byte);
      this.endWord();
    } else if (byte === BACKSLASH) {
      this.literal = true;
    } else {
      this.addChar(byte);
    }
    return undefined;
  }

  private stepQuoted(byte: number): TokenizerEvent | undefined {
    if (byte === HASH) {
      const event: TokenizeError = {
        kind: 'error',
        message: HASH_IN_QUOTES_ERROR,
        line: this.lineStart,
      };
      this.words = [];
      this.word = [];
      this.inWord = false;
      this.state = State.Discard;
      return event;
    }
    if (byte === QUOTE) {
      this.endWord();
    } else if (byte === BACKSLASH) {
      this.literal = true;
    } else {
      // An LF inside quotes is a control byte: dropped, the word goes on (NUT's behaviour).
      if (byte === LF) this.lineNumber++;
      this.addChar(byte);
    }
    return undefined;
  }

  private startWord(state: State): void {
    this.state = state;
    this.inWord = true;
    this.word = [];
  }

  private addChar(byte: number): void {
    // NUT drops control and 8-bit bytes (CVE-2012-2944 hardening).
    if (byte < 0x20 || byte > 0x7f) return;
    if (this.word.length < this.maxWordLength) this.word.push(byte);
  }

  private endWord(): void {
    if (this.inWord && this.words.length < this.maxWords) {
      this.words.push(String.fromCharCode(...this.word));
    }
    this.word = [];
    this.inWord = false;
    this.state = State.BetweenWords;
  }

  private finishLine(consumedLines = 0): TokenizedLine {
    if (this.inWord) this.endWord();
    const event: TokenizedLine = { kind: 'line', words: this.words, line: this.lineStart };
    this.reset(consumedLines);
    return event;
  }

  private reset(consumedLines = 0): void {
    this.words = [];
    this.word = [];
    this.inWord = false;
    this.literal = false;
    this.state = State.BetweenWords;
    this.lineNumber += consumedLines;
    this.lineStart = this.lineNumber;
  }
}

/** Tokenizes a whole text (a config file, a test vector), returning every line and error. */
export function tokenizeText(
  text: string | Uint8Array,
  options?: TokenizerOptions,
): TokenizerEvent[] {
  const tokenizer = new Tokenizer(options);
  return [...tokenizer.push(text), ...tokenizer.end()];
}

/** The words of a single line; throws a NutError (INVALID-ARGUMENT) on a tokenizer error. */
export function tokenizeLine(text: string): string[] {
  const line = text.endsWith('\n') ? text.slice(0, -1) : text;
  const plain = line.includes('\n') ? undefined : plainWords(line, MAX_WORDS, MAX_WORD_LENGTH);
  if (plain) return plain;
  const events = tokenizeText(text.endsWith('\n') ? text : `${text}\n`);
  const first = events[0];
  if (!first) return [];
  if (first.kind === 'error') throw new NutError('INVALID-ARGUMENT', undefined, first.message);
  return first.words;
}
