// The minutes module: minutes per agenda item, decisions and their register, actions,
// approval (justering), locked versions with their digest, evaluation, publishing.
import './policy.js';
import './notices.js';
import './sources.js';
import './links.js';
import './commands/index.js';

export { registerDecisionHook, type DecisionHook, type DecisionHookContext } from './hooks.js';
export { minutesPages } from './pages/index.js';
export { minutesApi } from './api.js';
