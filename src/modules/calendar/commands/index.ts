// Every calendar command, registered when this module is loaded.
export { createFeed } from './create-feed.js';
export { revokeFeed } from './revoke-feed.js';
