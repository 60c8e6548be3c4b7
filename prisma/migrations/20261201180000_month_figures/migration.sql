-- An approved month keeps the figures it was approved with (MonthClose.figures, see schema.prisma):
-- the Work diary, its overview and the payroll export show them instead of working them out again,
-- so a later change of pay, work rules, holidays or absence kinds does not move a paid month.
ALTER TABLE "MonthClose" ADD COLUMN "figures" JSONB;
