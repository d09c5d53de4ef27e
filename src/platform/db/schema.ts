// The single Drizzle schema: every module's tables, re-exported here.
export * from './meta-schema.js';
export * from '../auth/schema.js';
export * from '../audit/schema.js';
export * from '../outbox/schema.js';
export * from '../../modules/structure/schema.js';
export * from '../inbox/schema.js';
export * from '../../modules/meetings/schema.js';
export * from '../../modules/minutes/schema.js';
export * from '../../modules/cases/schema.js';
export * from '../../modules/calendar/schema.js';
export * from '../../modules/live/schema.js';
export * from '../http/idempotency-schema.js';
