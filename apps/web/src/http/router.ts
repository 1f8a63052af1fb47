import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerWatch } from '../server-watch.js';
import { runAction, type ActionRequest } from './actions.js';
import { readRwVariables } from './rw-vars.js';
import { renderMetrics } from './metrics.js';
import { publicFile } from './static-files.js';

const MAX_BODY = 16 * 1024;

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = type === 'application/json' ? `${JSON.stringify(body, null, 2)}\n` : String(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<ActionRequest | undefined> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY) return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as ActionRequest) : undefined;
  } catch {
    return undefined;
  }
}

/** The REST API (see public/openapi.json), /metrics, and the dashboard files. */
export function createRouter(watches: readonly ServerWatch[]) {
  const find = (server: string) => watches.find((w) => w.spec.id === server);
  const allUps = () => watches.flatMap((w) => [...w.ups.values()]);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    try {
      if (req.method === 'GET' && url.pathname === '/metrics') {
        return send(
          res,
          200,
          renderMetrics(
            watches.map((w) => w.snapshot),
            allUps(),
          ),
          'text/plain; version=0.0.4',
        );
      }
      if (parts[0] === 'api') {
        if (req.method === 'GET' && parts.length === 2 && parts[1] === 'servers')
          return send(
            res,
            200,
            watches.map((w) => w.snapshot),
          );
        if (req.method === 'GET' && parts.length === 2 && parts[1] === 'ups') {
          return send(
            res,
            200,
            allUps().map((u) => ({
              server: u.server,
              name: u.name,
              description: u.description,
              status: u.vars['ups.status'],
              numLogins: u.numLogins,
              error: u.error,
            })),
          );
        }
        if (parts[1] === 'ups' && parts.length >= 4) {
          const watch = find(parts[2]!);
          const ups = watch?.ups.get(parts[3]!);
          if (!watch || !ups) return send(res, 404, { error: 'no such server or UPS' });
          if (req.method === 'GET' && parts.length === 4) return send(res, 200, ups);
          if (req.method === 'GET' && parts.length === 5 && parts[4] === 'rw') {
            return send(res, 200, await readRwVariables(watch.spec, ups.name));
          }
          if (
            req.method === 'POST' &&
            parts.length === 5 &&
            (parts[4] === 'instcmd' || parts[4] === 'set')
          ) {
            const body = await readJson(req);
            if (!body)
              return send(res, 400, { error: 'a JSON object body (at most 16 KB) is required' });
            const outcome = await runAction(watch.spec, ups.name, parts[4], body);
            void watch.poll();
            return send(res, outcome.status, outcome.body);
          }
        }
        return send(res, 404, { error: 'not found' });
      }
      if (req.method === 'GET') {
        const file = await publicFile(url.pathname);
        if (file) {
          res.writeHead(200, { 'content-type': file.type });
          return void res.end(file.body);
        }
      }
      send(res, 404, { error: 'not found' });
    } catch (error) {
      send(res, 500, { error: (error as Error).message });
    }
  };
}
