// The single Drizzle schema (drizzle-kit reads it, see drizzle.config.ts): the platform's
// tables and every module's, re-exported here on the composition side, since the platform
// imports no module.
export * from './platform/db/meta-schema.js';
export * from './platform/auth/schema.js';
export * from './platform/audit/schema.js';
export * from './platform/outbox/schema.js';
export * from './modules/structure/schema.js';
export * from './platform/inbox/schema.js';
export * from './modules/meetings/schema.js';
export * from './modules/minutes/schema.js';
export * from './modules/cases/schema.js';
export * from './modules/calendar/schema.js';
export * from './modules/live/schema.js';
export * from './platform/http/idempotency-schema.js';
