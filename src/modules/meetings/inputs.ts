import { z } from 'zod';
import { freeText, optionalFreeText } from '../../platform/pin.js';
import { agendaItemKinds, attendanceStatuses, meetingFormats } from './schema.js';

/** Form fields arrive as strings: empty means "not given". */
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

const clockTime = z.iso.time({ precision: -1 });
const day = z.iso.date();
/** A clock time that may be left out (empty: not given). */
export const optionalClockTime = z.preprocess(blank, clockTime.optional());
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
  /** Who presents the item, in order: a person in the register, or a name with an organisation. */
  presenters: z.lazy(() => presentersInput).optional(),
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

/** One presenter: a person in the register (personId; the name defaults to theirs) or a name, with an organisation for an external. */
export const presenterInput = z.object({
  personId: optionalUuid,
  name: optionalFreeText({ max: 200 }),
  organisation: optionalFreeText({ max: 200 }),
});

const filled = (p: unknown) => !!p && typeof p === 'object' && Object.values(p as Record<string, unknown>).some((v) => typeof v === 'string' && v.trim() !== '');

/** Several presenters (empty rows of a form are left out). */
export const presentersInput = z.preprocess((v) => (Array.isArray(v) ? v.filter(filled) : v), z.array(presenterInput).max(10));

/** The presenter rows of a form ("presenters.0.personId", "presenters.0.name", "presenters.0.organisation", …) as a list. */
export function presentersFromForm(values: Record<string, string | undefined>, prefix = 'presenters'): { personId: string; name: string; organisation: string }[] {
  const indices = new Set<number>();
  for (const key of Object.keys(values)) {
    const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,2})\\.(personId|name|organisation)$`).exec(key);
    if (m) indices.add(Number(m[1]));
  }
  return [...indices]
    .sort((a, b) => a - b)
    .map((i) => ({ personId: values[`${prefix}.${i}.personId`] ?? '', name: values[`${prefix}.${i}.name`] ?? '', organisation: values[`${prefix}.${i}.organisation`] ?? '' }));
}
