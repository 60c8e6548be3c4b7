/** A Prisma known-request error with this code (P2002 unique, P2003 foreign key, P2025 not found). */
export const isPrismaError = (err: unknown, code: string): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code
  && (err as { name?: unknown }).name === 'PrismaClientKnownRequestError';
