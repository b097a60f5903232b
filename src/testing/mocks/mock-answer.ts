/**
 * How the mock API answers with JSON: through `answer`, which checks the body against the contract
 * schema that the server's route declares for it (src/server/http/routes/…/*.routes.ts) and throws when
 * it does not match. TypeScript alone cannot catch a mock that drifts from the contract: a timestamp
 * that is not ISO-8601, an id that is not a UUID, a count below zero all type-check as strings and numbers.
 * ESLint keeps `HttpResponse.json` out of the mocks, so no answer skips the check.
 */
import { HttpResponse, type JsonBodyType } from 'msw';
import { z } from 'zod';

/** A mock answer the contract does not allow: a bug in the mock, never in the code under test. */
export class MockAnswerMismatch extends Error {
  override name = 'MockAnswerMismatch';
}

/**
 * The body, unchanged, as a JSON response with this status, once `schema` accepts it. A mismatch is
 * thrown: MSW turns it into a 500 whose body names it (so the test or design-mode page using that
 * route fails), and it is logged, so that the cause is in the test output rather than only a 500.
 */
export function answer<Schema extends z.ZodType>(
  schema: Schema,
  body: z.input<Schema>,
  status = 200,
): Response {
  const result = schema.safeParse(body);
  if (!result.success) {
    const mismatch = new MockAnswerMismatch(
      `The mock API's ${status} answer does not match the contract:\n${z.prettifyError(result.error)}`,
    );
    console.error(mismatch);
    throw mismatch;
  }
  return HttpResponse.json(body as JsonBodyType, { status });
}
