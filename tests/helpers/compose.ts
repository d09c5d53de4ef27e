// Every test process runs with the modules composed as the server composes them
// (src/modules.ts): commands, rules, jobs, kinds, sources and hooks from the manifests.
import { composeApp } from '../../src/modules.js';

composeApp();
