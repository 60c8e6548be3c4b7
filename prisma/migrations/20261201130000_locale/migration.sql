-- The organisation's formatting locale (numbers, currency, dates and the UI language); existing
-- organisations keep the en-GB formatting they had. A user may override it (null: follow the org).
ALTER TABLE "Organization" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en-GB';
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
