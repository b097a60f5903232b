import { z } from 'zod';
import { IdSchema } from './common';
import { answerString, email, text } from './text';

export const ROLES = ['admin', 'support', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const EmailSchema = email({ error: 'Enter a valid email address' }).max(
  254,
  'Email addresses are at most 254 characters',
);

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  password: text().min(1, 'Enter your password').max(1024, 'Password is too long'),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionUserSchema = z.object({
  id: IdSchema,
  email: answerString(),
  name: answerString(),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const OrganisationSchema = z.object({
  id: IdSchema,
  name: answerString(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/** What `GET /auth/me` and a successful login return. */
export const SessionSchema = z.object({
  user: SessionUserSchema,
  organisation: OrganisationSchema,
});
export type Session = z.infer<typeof SessionSchema>;
