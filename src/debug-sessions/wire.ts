// The session socket protocol: one JSON object per line over a loopback TCP connection.
//
//   client → server  {t:'hello', token, session}                  first message (the store's token)
//                    {t:'req', seq, req: WireRequest}
//   server → client  {t:'welcome', info: HostedSessionInfo}       or {t:'error', message} and close
//                    {t:'res', seq, ok: true, body} | {t:'res', seq, ok: false, error}
//                    {t:'event', e: DebugEvent}                    stopped/continued/output/log/terminated
//                    {t:'breakpoints', file, lines}                breakpoints changed (by any client)
//                    {t:'bye', reason}                             the server closes the connection
import type { Socket } from 'node:net';
import type { DebugEvent, DebugRequest } from '../interp/debugger/protocol.js';
import type { HostedSessionInfo } from './types.js';

export type WireRequest = DebugRequest | { cmd: 'detach' } | { cmd: 'info' };

export type ClientMessage = { t: 'hello'; token: string; session: string } | { t: 'req'; seq: number; req: WireRequest };

export type ServerMessage =
  | { t: 'welcome'; info: HostedSessionInfo }
  | { t: 'error'; message: string }
  | { t: 'res'; seq: number; ok: true; body: unknown }
  | { t: 'res'; seq: number; ok: false; error: string }
  | { t: 'event'; e: DebugEvent }
  | { t: 'breakpoints'; file: string; lines: number[] }
  | { t: 'bye'; reason: string };

/** Longest line accepted (a request or a welcome with the script's sources). */
const MAX_LINE = 64 * 1024 * 1024;

/** Calls `onMessage` for each JSON line read from the socket; a malformed line ends the connection. */
export function readLines(socket: Socket, onMessage: (m: unknown) => void): void {
  let buf = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buf += chunk;
    if (buf.length > MAX_LINE) {
      socket.destroy();
      return;
    }
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.trim() === '') continue;
      let m: unknown;
      try {
        m = JSON.parse(line);
      } catch {
        socket.destroy();
        return;
      }
      onMessage(m);
      if (socket.destroyed) return;
    }
  });
}

export function writeLine(socket: Socket, m: ClientMessage | ServerMessage): void {
  if (socket.destroyed || !socket.writable) return;
  socket.write(JSON.stringify(m) + '\n');
}

/** "tcp://127.0.0.1:PORT/SESSION" → parts; null when it is not such an address. */
export function parseEndpoint(endpoint: string): { host: string; port: number; session: string } | null {
  const m = /^tcp:\/\/(\[[^\]]+\]|[^/:]+):(\d+)\/([A-Za-z0-9_-]+)$/.exec(endpoint.trim());
  if (!m) return null;
  const port = Number(m[2]);
  if (!(port > 0 && port < 65536)) return null;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port, session: m[3]! };
}

export function formatEndpoint(host: string, port: number, session: string): string {
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}/${session}`;
}
