/**
 * The endpoint form (create page and edit dialog): the contract's fields, with custom headers as
 * editable rows instead of the wire's name → value object. Every message still comes from the
 * contract: the rows are turned into that object and checked with `CustomHeadersSchema`.
 */
import type { UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import {
  CUSTOM_HEADERS_MAX,
  CustomHeadersSchema,
  WebhookDescriptionSchema,
  WebhookUrlSchema,
  type CreateWebhookRequest,
  type CustomHeaders,
  type WebhookDetail,
} from '@contract/webhooks';
import type { ApiError } from '@client/lib/api-client';

/**
 * The contract's URL check runs its "no credentials in the URL" rule even on strings that are not
 * URLs, where `new URL` throws instead of reporting (flagged to the contract's owner). Check the
 * format first with the contract's own parts, and only hand well-formed URLs to the whole schema.
 */
const urlFormatSchema = WebhookUrlSchema.in.pipe(WebhookUrlSchema.out);

export function checkWebhookUrl(value: string): string[] {
  const format = urlFormatSchema.safeParse(value);
  const result = format.success ? WebhookUrlSchema.safeParse(value) : format;
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

const WebhookUrlFieldSchema = z.string().superRefine((value, ctx) => {
  const [message] = checkWebhookUrl(value);
  if (message) ctx.addIssue({ code: 'custom', message });
});

const HeaderRowSchema = z.object({ name: z.string(), value: z.string() });

export const WebhookFormSchema = z
  .object({
    url: WebhookUrlFieldSchema,
    description: WebhookDescriptionSchema,
    headers: z.array(HeaderRowSchema),
  })
  .superRefine(({ headers }, ctx) => {
    const record: CustomHeaders = {};
    const rowOfName = new Map<string, number>();
    headers.forEach((row, index) => {
      const name = row.name.trim();
      if (name === '' && row.value === '') return;
      if (name === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['headers', index, 'name'],
          message: 'Enter a header name',
        });
        return;
      }
      if (rowOfName.has(name)) {
        // Identical names collapse into one key of the object, so the contract cannot see them.
        ctx.addIssue({
          code: 'custom',
          path: ['headers', index, 'name'],
          message: `${name} is listed twice`,
        });
        return;
      }
      rowOfName.set(name, index);
      record[name] = row.value;
    });
    const result = CustomHeadersSchema.safeParse(record);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const [name] = issue.path;
      const index = typeof name === 'string' ? rowOfName.get(name) : undefined;
      if (index === undefined) {
        ctx.addIssue({ code: 'custom', path: ['headers'], message: issue.message });
        continue;
      }
      // Key problems (format, reserved, listed twice) belong to the name; the rest to the value.
      const aboutName = issue.code === 'invalid_key' || issue.code === 'custom';
      const message =
        issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      ctx.addIssue({
        code: 'custom',
        path: ['headers', index, aboutName ? 'name' : 'value'],
        message,
      });
    }
  });

export type WebhookFormValues = z.input<typeof WebhookFormSchema>;

export { CUSTOM_HEADERS_MAX };

export const EMPTY_WEBHOOK_FORM: WebhookFormValues = { url: '', description: '', headers: [] };

export function toWebhookFormValues(webhook: WebhookDetail): WebhookFormValues {
  return {
    url: webhook.url,
    description: webhook.description ?? '',
    headers: Object.entries(webhook.headers).map(([name, value]) => ({ name, value })),
  };
}

/** The request body for the form's values (create; the edit dialog sends the same fields). */
export function toWebhookRequest(values: WebhookFormValues): Required<CreateWebhookRequest> {
  const headers: CustomHeaders = {};
  for (const row of values.headers) {
    const name = row.name.trim();
    if (name !== '') headers[name] = row.value;
  }
  return { url: values.url.trim(), description: values.description.trim(), headers };
}

/**
 * Puts the server's field messages beside their inputs. Returns false when none could be placed,
 * so the caller shows the message in the form's alert instead.
 */
export function applyServerErrors(
  error: ApiError,
  values: WebhookFormValues,
  setError: UseFormSetError<WebhookFormValues>,
): boolean {
  let placed = false;
  if (error.code === 'conflict') {
    // A URL already taken: `fields.url` is the server's text for beside the field.
    setError('url', { message: error.fields.url ?? error.message });
    return true;
  }
  for (const [path, message] of Object.entries(error.fields)) {
    if (path === 'url' || path === 'description' || path === 'headers') {
      setError(path, { message });
      placed = true;
      continue;
    }
    if (path.startsWith('headers.')) {
      const name = path.slice('headers.'.length);
      const index = values.headers.findIndex((row) => row.name.trim() === name);
      if (index >= 0) {
        setError(`headers.${index}.name`, { message });
      } else {
        setError('headers', { message });
      }
      placed = true;
    }
  }
  return placed;
}
