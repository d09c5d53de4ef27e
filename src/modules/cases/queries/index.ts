// The module's reads, in four files: the lists of cases, one case (and its helpers), the activity plan and
// what concerns a person, and the overview.
export * from './lists.js';
export * from './cases.js';
export * from './plan.js';
export * from './overview.js';
