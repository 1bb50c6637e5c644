-- Viber: a customer who unsubscribed from the bot cannot be written to until they subscribe again or write, so the
-- conversation keeps when they left; and set_webhook is repeated when the public URL changes, so the channel
-- keeps the URL the platform was last given.
ALTER TABLE "conversations" ADD COLUMN "unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "webhook_registered_url" text;
