#!/usr/bin/env node
// `npm start`: compiles Samverka's sources to dist/ when they changed (scripts/build.mjs, about
// two seconds; nothing when they did not), then runs the compiled entry point in this same
// process, so signals and the exit code are the server's own.
import { compile } from './build.mjs';

// Stack traces name the TypeScript sources (dist/ carries source maps).
process.setSourceMapsEnabled(true);

const done = await compile();
if (done) process.stdout.write(`${done}\n`);
await import('../dist/main.js');
