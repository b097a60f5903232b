import { expect } from 'vitest';
import { ApiErrorSchema, type ApiErrorBody } from '@contract/errors';
import type { ApiResponse } from './test-app';

/** Asserts the status and that the body is the one error envelope with this code; returns the error. */
export function expectApiError(
  response: ApiResponse,
  status: number,
  code: string,
): ApiErrorBody['error'] {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { error: { code } },
  });
  const parsed = ApiErrorSchema.parse(response.body);
  expect(parsed.error.message.length).toBeGreaterThan(0);
  return parsed.error;
}
