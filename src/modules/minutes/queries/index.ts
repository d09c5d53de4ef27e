// Reads for the minutes pages, API, notices and commands.
export * from './minutes.js';
export * from './decisions.js';
export * from './holdings.js';
