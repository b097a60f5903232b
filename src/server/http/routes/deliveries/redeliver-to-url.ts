/**
 * Redeliver to another URL: the delivery's body, signed now exactly as the worker signs it, POSTed once
 * through the SSRF-guarded sender to a URL a person gives (a staging server, a tunnel). The delivery and
 * its endpoint stay as they are; the attempt is kept in the delivery's history, marked as this kind.
 */
import type { AppDeps, Caller } from '../../app-env';
import { ApiError, notFound } from '../../api-error';
import { findDeliveryWithBody } from '../../../db/queries/delivery-search';
import {
  recordUrlRedelivery,
  type DeliveryAttemptRow,
  type UrlRedeliveryRecord,
} from '../../../outbox/url-redelivery';
import { findWebhook } from '../../../db/queries/webhooks';
import { maskCustomHeaders, outboundRequest } from '../../../outbound/delivery-request';
import type { SendResult } from '../../../outbound/send-webhook';
import { storableBody, storableHeaders, storableText } from '../../../outbound/storable-text';
import { openCredentials } from '../../../security/webhook-credentials';

export async function redeliverToUrl(
  deps: AppDeps,
  caller: Caller,
  deliveryId: string,
  rawUrl: string,
): Promise<DeliveryAttemptRow> {
  const { db, urlGuard, sender, secretBox, env, logger, now = () => new Date() } = deps;
  const organisationId = caller.organisation.id;
  const found = await findDeliveryWithBody(db, organisationId, deliveryId);
  if (!found) throw notFound('Delivery');
  // The check an endpoint's URL passes when it is saved: public addresses, https unless allow-listed.
  const verdict = await urlGuard.checkUrl(rawUrl);
  if (!verdict.ok) {
    throw new ApiError(400, 'validation_failed', verdict.reason, { url: verdict.reason });
  }
  // Deliveries cascade with their endpoint, so it is there; a disabled one is no reason to refuse.
  const webhook = await findWebhook(db, organisationId, found.delivery.webhookId);
  if (!webhook) throw notFound('Delivery');
  const url = new URL(rawUrl);
  const credentials = openCredentials(secretBox, webhook);
  const request = outboundRequest(
    { id: found.delivery.id, body: found.body },
    {
      url: url.href,
      secret: credentials.secret,
      previousSecret: credentials.previousSecret,
      previousSecretExpiresAt: webhook.previousSecretExpiresAt,
      // Custom headers are the endpoint's credentials (API keys, basic auth), which only admins may
      // read: they go only where the endpoint is, as a browser drops Authorization on a cross-origin
      // redirect. Otherwise support staff could read them at a server of their own.
      headers: url.origin === new URL(webhook.url).origin ? credentials.headers : {},
    },
    now(),
  );
  const result = await sender.send({ ...request, timeoutMs: env.RINGPOST_DELIVERY_TIMEOUT });
  const { headers } = request;
  const row = await recordUrlRedelivery(
    db,
    organisationId,
    deliveryId,
    storableRecord(result, url.href, headers, caller.user.name),
  );
  if (!row) throw notFound('Delivery');
  logger.info('delivery sent to another URL', {
    deliveryId,
    by: caller.user.id,
    host: url.host,
    status: result.response?.status ?? null,
  });
  return row;
}

/** The attempt as it can be kept, whatever the receiver sent back (outbound/storable-text.ts). */
function storableRecord(
  result: SendResult,
  url: string,
  headers: Record<string, string>,
  requestedBy: string,
): UrlRedeliveryRecord {
  const { response, error } = result;
  const body = response ? storableBody(response.body, response.bodyTruncated) : null;
  return {
    requestedBy,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    headersMs: result.headersMs,
    url: storableText(url),
    requestHeaders: storableHeaders(maskCustomHeaders(headers)),
    responseStatus: response?.status ?? null,
    responseHeaders: response ? storableHeaders(response.headers) : null,
    responseBody: body?.body ?? null,
    responseBodyEncoding: body?.encoding ?? 'utf8',
    responseTruncated: response?.bodyTruncated ?? false,
    errorCategory: error?.category ?? null,
    errorMessage: error ? storableText(error.message) : null,
  };
}
