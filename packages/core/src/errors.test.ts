import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NUT_ERROR_CODES, NutError, TRANSPORT_ERROR_CODES } from './errors.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

function codesUnder(heading: string): string[] {
  const section = doc.split(/^## /m).find((part) => part.startsWith(heading)) ?? '';
  return [...section.matchAll(/^\| `([A-Z-]+)` \|/gm)].map((match) => match[1]!);
}

describe('error catalogue', () => {
  it('docs/errors.md lists exactly the server error codes', () => {
    expect(codesUnder('Server errors')).toEqual([...NUT_ERROR_CODES]);
  });

  it('docs/errors.md lists exactly the transport error codes', () => {
    expect(codesUnder('Transport errors')).toEqual([...TRANSPORT_ERROR_CODES]);
  });
});

describe('NutError.fromReply', () => {
  it('parses a bare code', () => {
    const error = NutError.fromReply('ERR DATA-STALE');
    expect(error?.code).toBe('DATA-STALE');
    expect(error?.known).toBe(true);
    expect(error?.toWire()).toBe('ERR DATA-STALE');
  });

  it('keeps extra text and unknown codes', () => {
    const error = NutError.fromReply('ERR VENDOR-THING some text\n');
    expect(error?.code).toBe('VENDOR-THING');
    expect(error?.extra).toBe('some text');
    expect(error?.known).toBe(false);
  });

  it('returns undefined for other lines', () => {
    expect(NutError.fromReply('OK')).toBeUndefined();
    expect(NutError.fromReply('ERR')).toBeUndefined();
  });
});
