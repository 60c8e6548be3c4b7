export * from './common.ts';
export * from './auth.ts';
export * from './users.ts';
export * from './categories.ts';
export * from './customers.ts';
export * from './rules.ts';
export * from './entries.ts';
export * from './diary.ts';
