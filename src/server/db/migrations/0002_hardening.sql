ALTER TABLE "login_attempts" ALTER COLUMN "succeeded" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "response_body_encoding" text DEFAULT 'utf8' NOT NULL;--> statement-breakpoint
CREATE INDEX "deliveries_pending_org_idx" ON "deliveries" USING btree ("organisation_id","next_attempt_at","id") WHERE "deliveries"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_body_encoding_check" CHECK ("delivery_attempts"."response_body_encoding" in ('utf8', 'base64'));--> statement-breakpoint
-- Custom-header values are credentials: attempts recorded before this migration kept them readable.
-- Every request header but Ringpost's own is a custom header, so mask all the others.
UPDATE "delivery_attempts" SET "request_headers" = (
  SELECT coalesce(jsonb_object_agg(h.key, CASE
    WHEN lower(h.key) IN ('content-type', 'user-agent', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-signature')
    THEN h.value ELSE to_jsonb('••••••••'::text) END), '{}'::jsonb)
  FROM jsonb_each("delivery_attempts"."request_headers") AS h
);
