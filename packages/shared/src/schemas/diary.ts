import { z } from 'zod';

export const DiaryUserRowSchema = z.object({
  userId: z.string(),
  name: z.string(),
  totalMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  salary: z.number().int(),
});
export type DiaryUserRow = z.infer<typeof DiaryUserRowSchema>;

export const DiaryDaySchema = z.object({
  date: z.string(),
  entrance: z.string().nullable(),
  exit: z.string().nullable(),
  totalMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  requiredMinutes: z.number().int(),
  flagged: z.boolean(),
  running: z.boolean(),
});
export type DiaryDay = z.infer<typeof DiaryDaySchema>;
