CREATE INDEX "deliveries_status_listing_idx" ON "deliveries" USING btree ("organisation_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_webhook_listing_idx" ON "deliveries" USING btree ("webhook_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_webhook_failed_idx" ON "deliveries" USING btree ("webhook_id","created_at","id") WHERE "deliveries"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "deliveries_agent_listing_idx" ON "deliveries" USING btree ("agent_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_failure_listing_idx" ON "deliveries" USING btree ("organisation_id","last_error_category","created_at","id") WHERE "deliveries"."last_error_category" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_call_idx" ON "deliveries" USING btree ("organisation_id","call_id");--> statement-breakpoint
CREATE INDEX "deliveries_completed_idx" ON "deliveries" USING btree ("completed_at") WHERE "deliveries"."status" in ('succeeded', 'failed', 'skipped');--> statement-breakpoint
CREATE INDEX "deliveries_event_idx" ON "deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "events_received_idx" ON "events" USING btree ("received_at");