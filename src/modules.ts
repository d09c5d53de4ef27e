import { composeModules, type ModuleManifest } from './platform/modules.js';
import { install, isInstalled, installed, type Registry } from './platform/registry.js';
import { platformModule } from './platform/manifest.js';
import { structureModule } from './modules/structure/index.js';
import { meetingsModule } from './modules/meetings/index.js';
import { minutesModule } from './modules/minutes/index.js';
import { casesModule } from './modules/cases/index.js';
import { calendarModule } from './modules/calendar/index.js';
import { liveModule } from './modules/live/index.js';

/**
 * The composition root: every module of Samverka, in dependency order (a module comes after
 * those it requires). Adding a module is one folder with an index.ts that exports its
 * manifest, and one line here. See docs/decisions/0008-composition-root.md.
 */
export const manifests: readonly ModuleManifest[] = [platformModule, structureModule, meetingsModule, minutesModule, casesModule, calendarModule, liveModule];

/**
 * The registry the process runs with: built from the manifests and installed once (the
 * server, the worker, scripts and the test setup call this before anything else).
 */
export function composeApp(): Registry {
  return isInstalled() ? installed() : install(composeModules(manifests));
}
