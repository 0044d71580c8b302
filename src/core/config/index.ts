export * from './entitlements.ts';
export * from './explain-errors.ts';
export * from './schema.ts';
export * from './validate.ts';
