ALTER TABLE "agents" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "agents_external_id_key" ON "agents" USING btree ("organisation_id","external_id") WHERE "agents"."external_id" is not null;