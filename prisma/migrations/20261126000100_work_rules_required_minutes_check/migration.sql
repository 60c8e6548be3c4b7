-- The first CHECK used array_length(), which is NULL for '{}' and NULL arrays — and a NULL CHECK
-- passes. Require exactly seven non-null weekday minutes.
ALTER TABLE "WorkRules" DROP CONSTRAINT "WorkRules_requiredMinutes_check";
ALTER TABLE "WorkRules" ADD CONSTRAINT "WorkRules_requiredMinutes_check" CHECK ("requiredMinutes" IS NOT NULL AND array_ndims("requiredMinutes") = 1 AND cardinality("requiredMinutes") = 7 AND array_position("requiredMinutes", NULL) IS NULL);
