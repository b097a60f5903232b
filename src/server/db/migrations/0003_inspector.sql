CREATE TABLE "retry_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"webhook_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"requeued" integer DEFAULT 0 NOT NULL,
	"cursor_created_at" timestamp with time zone,
	"cursor_id" text,
	"leased_by" text,
	"lease_expires_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "retry_jobs_status_check" CHECK ("retry_jobs"."status" in ('running', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "webhook_health_hourly" (
	"webhook_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"latency_buckets" integer[] NOT NULL,
	CONSTRAINT "webhook_health_hourly_webhook_id_hour_pk" PRIMARY KEY("webhook_id","hour")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "manual_attempt_by" text;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "kind" text DEFAULT 'scheduled' NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "requested_by" text;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "headers_ms" double precision;--> statement-breakpoint
ALTER TABLE "retry_jobs" ADD CONSTRAINT "retry_jobs_webhook_fk" FOREIGN KEY ("organisation_id","webhook_id") REFERENCES "public"."webhooks"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_health_hourly" ADD CONSTRAINT "webhook_health_hourly_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retry_jobs_webhook_idx" ON "retry_jobs" USING btree ("webhook_id","created_at");--> statement-breakpoint
CREATE INDEX "retry_jobs_running_idx" ON "retry_jobs" USING btree ("created_at") WHERE "retry_jobs"."status" = 'running';--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_kind_check" CHECK ("delivery_attempts"."kind" in ('scheduled', 'redelivery', 'redelivery_to_url'));