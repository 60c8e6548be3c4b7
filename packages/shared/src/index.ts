export * from './errors.ts';
export * from './schemas/index.ts';
export * from './time/index.ts';
export * from './export-labels.ts';
export * from './compliance.ts';
