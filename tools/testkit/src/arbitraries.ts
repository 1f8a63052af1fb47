import fc from 'fast-check';

/** Any character up to U+024F: controls, 8-bit bytes (a string is read as latin1) and beyond. */
export const anyChar: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x24f })
  .map((code) => String.fromCharCode(code));

/**
 * Chunk sizes for feeding input in pieces (see chunksOf): up to `maxLength` sizes, each
 * `min`-`max` bytes (1-64, up to 40 sizes, unless told).
 */
export function chunkSizes({
  min = 1,
  max = 64,
  maxLength = 40,
}: { min?: number; max?: number; maxLength?: number } = {}): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min, max }), { maxLength });
}

/**
 * `bytes` cut into chunks of `sizes`, then the rest in one, as a socket might deliver them. A
 * chunk past the end (or of size 0) is empty, and is yielded all the same.
 */
export function* chunksOf(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let at = 0;
  for (const size of [...sizes, bytes.length]) {
    yield bytes.subarray(at, at + size);
    at += size;
  }
}
