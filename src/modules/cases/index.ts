// The cases module: importing it registers its commands, jobs, hooks and sources.
import './kinds.js';
import './commands/index.js';
import './overdue.js';
import './hooks.js';

export { casesPages } from './pages.js';
export { casesApi } from './api.js';
