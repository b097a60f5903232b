import { createRoute } from '@hono/zod-openapi';
import { LoginRequestSchema, SessionSchema } from '@contract/auth';
import { anyRole } from '../../middleware/require-role';
import { errors, jsonBody, jsonContent } from '../../openapi-helpers';

const tags = ['Session'];

export const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Sign in with email and password; sets the session cookie',
  request: { body: jsonBody(LoginRequestSchema) },
  responses: {
    200: jsonContent(SessionSchema, 'Signed in'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    415: errors[415],
    429: errors[429],
  },
});

export const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Sign out: ends the session and clears the cookie',
  middleware: [anyRole()] as const,
  responses: { 204: { description: 'Signed out' }, 401: errors[401], 403: errors[403] },
});

export const logoutAll = createRoute({
  method: 'post',
  path: '/auth/logout-all',
  tags,
  summary: 'Sign out everywhere: ends every session of the signed-in user, this one included',
  middleware: [anyRole()] as const,
  responses: { 204: { description: 'Every session ended' }, 401: errors[401], 403: errors[403] },
});

export const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'The signed-in user and organisation',
  middleware: [anyRole()] as const,
  responses: { 200: jsonContent(SessionSchema, 'The current session'), 401: errors[401] },
});

export type LoginRoute = typeof login;
export type LogoutRoute = typeof logout;
export type LogoutAllRoute = typeof logoutAll;
export type MeRoute = typeof me;
