import { fileURLToPath } from 'node:url';
import { accessibilitySuite } from './accessibility-suite.js';

// Part 2 of the accessibility checks of every page (tests/e2e/accessibility-suite.ts says which).
accessibilitySuite(fileURLToPath(import.meta.url));
