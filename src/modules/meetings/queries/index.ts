// The reading side of the meetings module: one meeting with the actor's roles (meeting.ts),
// lists and facts of meetings (meetings.ts), the attendance list (roster.ts) and the
// "what needs me" source (waiting.ts); what an absence report sets off (absence.ts).
export * from './meeting.js';
export * from './meetings.js';
export * from './roster.js';
export * from './waiting.js';
export * from './absence.js';
