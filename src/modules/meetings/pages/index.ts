import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { agendaPages } from './agenda-pages.js';
import { attendancePages } from './attendance-pages.js';
import { bodyMeetingPages } from './body-pages.js';
import { meetingPages } from './meeting-pages.js';
import { memberPages } from './member-pages.js';
import { structureMeetingPages } from './structure-pages.js';

/** Every HTML page of the meetings module. */
export function meetingsPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', bodyMeetingPages());
  app.route('/', structureMeetingPages());
  app.route('/', meetingPages());
  app.route('/', agendaPages());
  app.route('/', memberPages());
  app.route('/', attendancePages());
  return app;
}
