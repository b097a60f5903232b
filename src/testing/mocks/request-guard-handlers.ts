/**
 * What the server checks of a request before the session, the role or the route (its request guards,
 * src/server/http/middleware/request-guards.ts): a body sent with a changing method must be JSON, and
 * valid JSON. Answered here, ahead of every route, so that the order is the server's: invalid JSON is a
 * 400 even for a viewer or for nobody. Requests that pass fall through to the routes, as MSW does when a
 * resolver returns nothing.
 */
import { http } from 'msw';
import { INVALID_JSON, UNSUPPORTED_MEDIA_TYPE } from '@contract/api-messages';
import { API, apiError, isJsonRequest } from './mock-api';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const requestGuardHandlers = [
  http.all(`${API}/*`, async ({ request }) => {
    if (!CHANGING.has(request.method)) return undefined;
    // A clone: the route behind this one reads the body again.
    const text = await request.clone().text();
    if (text.length === 0) return undefined;
    if (!isJsonRequest(request)) {
      return apiError(415, 'unsupported_media_type', UNSUPPORTED_MEDIA_TYPE);
    }
    try {
      JSON.parse(text);
    } catch {
      return apiError(400, 'invalid_json', INVALID_JSON);
    }
    return undefined;
  }),
];
