import { defineConfig } from 'prisma/config';

// Only `prisma generate` runs here; migrations are hand-written SQL applied by the API.
export default defineConfig({
  schema: 'prisma/schema.prisma',
});
