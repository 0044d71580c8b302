export * from './entitlements.ts';
export * from './schema.ts';
export * from './validate.ts';
