// The sign-in page's schemas, in a chunk of their own (loadLoginSchemas in ./login): zod and the
// shared schemas are not part of the first load (bench/first-load.ts).
export { LoginBodySchema, LoginResponseSchema } from '@workdiary/shared';
