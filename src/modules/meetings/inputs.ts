import { z } from 'zod';
import { freeText, optionalFreeText } from '../../platform/pin.js';
import { agendaItemKinds, attendanceStatuses, meetingFormats } from './schema.js';

/** Form fields arrive as strings: empty means "not given". */
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

const clockTime = z.iso.time({ precision: -1 });
const day = z.iso.date();
export const optionalDay = z.preprocess(blank, z.iso.date().optional());
export const optionalUuid = z.preprocess(blank, z.uuid().optional());
export const optionalMinutes = z.preprocess(blank, z.coerce.number().int().min(0).max(1440).optional());
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
export const optionalVersion = z.preprocess(blank, z.coerce.number().int().min(1).optional());
const link = z.preprocess(
  blank,
  z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
);

const meetingFormat = z.enum(meetingFormats);
export const itemKind = z.enum(agendaItemKinds);
export const attendanceStatus = z.enum(attendanceStatuses);

/** When and where: a Stockholm date and clock times (an end date for meetings over several days). */
export const meetingWhenWhere = {
  date: day,
  startTime: clockTime,
  endDate: optionalDay,
  endTime: clockTime,
  format: meetingFormat.default('physical'),
  address: optionalFreeText({ max: 300 }),
  room: optionalFreeText({ max: 100 }),
  link,
  notes: optionalFreeText({ max: 4000 }),
};

export const meetingTitle = optionalFreeText({ max: 200 });

export const itemFields = {
  title: freeText({ min: 1, max: 300 }),
  description: optionalFreeText({ max: 10_000 }),
  kind: itemKind.default('information'),
  section: optionalFreeText({ max: 100 }),
  number: optionalFreeText({ max: 20 }),
  presenterPersonId: optionalUuid,
  presenterName: optionalFreeText({ max: 200 }),
  durationMinutes: optionalMinutes,
  internal: checkbox.default(false),
};

/** A file sent with the JSON API or from a form (base64 content). */
export const attachmentInput = z.object({
  filename: freeText({ min: 1, max: 200 }),
  content: z.base64().max(15_000_000),
});

// The paths and queries of the meetings API (its bodies are the commands' inputs).

export const bodyParams = z.object({ bodyId: z.uuid() });
export const meetingParams = z.object({ id: z.uuid() });
export const idParams = z.object({ id: z.uuid() });
export const structureParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(100)
    .describe("The structure's id or its slug"),
});
export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), page: z.coerce.number().int().min(1).max(100_000).default(1) });
export const frequencyQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const periodQuery = z.object({ from: z.iso.date(), to: z.iso.date() });

/** Publishing with the token of a confirmed preview (publication.ts). */
export const publishQuery = z.object({ preview: z.hex().length(32).optional() });
