import { http } from 'msw';
import { WRONG_CREDENTIALS } from '@contract/api-messages';
import { LoginRequestSchema, SessionSchema } from '@contract/auth';
import { answer } from './mock-answer';
import { API, apiError, guard, noContent, parseBody, simulateLatency } from './mock-api';
import { db, signOutMockUser, toSession } from './mock-db';

/** Wrong passwords allowed before sign-in is refused for a while, as the server's limiter does. */
const SIGN_IN_ATTEMPTS = 5;

export const authHandlers = [
  http.post(`${API}/auth/login`, async ({ request }) => {
    await simulateLatency();
    const parsed = await parseBody(request, LoginRequestSchema);
    if (!parsed.ok) return parsed.response;
    if (db.failedSignIns >= SIGN_IN_ATTEMPTS) {
      return apiError(
        429,
        'rate_limited',
        'Too many sign-in attempts. Wait a minute and try again.',
      );
    }
    const { email, password } = parsed.data;
    const user = db.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user || user.password !== password) {
      db.failedSignIns += 1;
      return apiError(401, 'unauthenticated', WRONG_CREDENTIALS);
    }
    db.failedSignIns = 0;
    db.sessionUserId = user.id;
    return answer(SessionSchema, toSession(user));
  }),

  http.post(`${API}/auth/logout`, async () => {
    await simulateLatency();
    signOutMockUser();
    return noContent();
  }),

  // The mock has one session at a time, so "everywhere" is this one.
  http.post(`${API}/auth/logout-all`, () =>
    guard('signedIn', () => {
      signOutMockUser();
      return noContent();
    }),
  ),

  http.get(`${API}/auth/me`, () =>
    guard('signedIn', (user) => answer(SessionSchema, toSession(user))),
  ),
];
