ALTER TABLE "webhooks" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
-- Endpoints disabled before this migration: their last change is the best record of when, and the
-- date that automatic reasons carried moves out of the text (the page formats disabled_at instead).
UPDATE "webhooks" SET "disabled_at" = "updated_at" WHERE "status" = 'disabled' AND "disabled_at" IS NULL;--> statement-breakpoint
UPDATE "webhooks" SET "disabled_reason" = regexp_replace("disabled_reason", '^Disabled automatically on [0-9]{4}-[0-9]{2}-[0-9]{2}:', 'Disabled automatically:') WHERE "disabled_reason" LIKE 'Disabled automatically on %';
