// Debug routes of the daemon's HTTP API:
//
//   GET /api/debug/sessions    the live debug sessions (as `debug sessions --json`)
//
// Attaching itself goes over the session's own loopback socket (see server.ts), not HTTP.
import type { Router } from './http.js';
import { describeSessionState, listDebugSessions } from '../debug-sessions/sessions.js';

export function registerDebugRoutes(router: Router): void {
  router.add('GET', '/api/debug/sessions', async (_req, ctx) => {
    const list = await listDebugSessions(ctx.store);
    return { body: list.map((s) => ({ ...s, status: describeSessionState(s) })) };
  });
}
