// Every live command, registered when this module is loaded.
export { setCurrentItem } from './set-current-item.js';
