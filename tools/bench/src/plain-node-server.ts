/**
 * A plain Node.js TCP server, for scale in the request rows: it answers every line it receives
 * with the same GET VAR reply and does no protocol work at all, written the usual way ('data'
 * events and `socket.write`). What it costs per request is what any Node.js server pays before
 * doing anything. Prints `port <n>` on stdout once listening.
 */
import { createServer } from 'node:net';

const REPLY = 'VAR bench ups.status "OL"\n';
const LF = 0x0a;

const server = createServer({ noDelay: true }, (socket) => {
  socket.on('data', (chunk: Buffer) => {
    let lines = 0;
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) lines++;
    if (lines > 0) socket.write(REPLY.repeat(lines));
  });
  socket.on('error', () => socket.destroy());
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`port ${address.port}`);
});
