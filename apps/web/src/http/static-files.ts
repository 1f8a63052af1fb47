import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The dashboard's files, shipped in the package (no CDN). */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** A file of the public folder, or undefined (never a path outside it). */
export async function publicFile(
  urlPath: string,
): Promise<{ type: string; body: Buffer } | undefined> {
  const relative = normalize(urlPath === '/' ? '/index.html' : urlPath).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const type = TYPES[extname(relative)];
  if (!type || relative.includes('..')) return undefined;
  try {
    return { type, body: await readFile(join(PUBLIC_DIR, relative)) };
  } catch {
    return undefined;
  }
}
