import { z } from 'zod';
import type { Translate } from '../../platform/i18n/index.js';
import { storedText } from './views/common.js';
import { today } from '../../platform/days.js';
import type { BodyAccess } from './body-access.js';
import type { Composition } from './composition.js';
import type { mandateHistory } from './queries.js';
import type { ImportRun } from './schema.js';
import { bodyOut, type importReportOut, type importRunOut } from './api-schemas.js';

/*
 * The API's presenters: stored rows and read models as the JSON the API's schemas
 * (api-schemas.ts) describe. The routes (api.ts) load and call these.
 */

/** An import run as the API shows it (the file itself and who started it left out). */
export function importRunJson(run: ImportRun, t: Translate): z.input<typeof importRunOut> {
  const { input: _input, personId: _by, createdAt, finishedAt, report, problems, ...rest } = run;
  return {
    ...rest,
    report: report as z.input<typeof importReportOut> | null,
    problems: problems?.map((p) => storedText(p, t)) ?? null,
    createdAt: createdAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
  };
}

/** The fields of a row that a schema names (the rest left out). */
export function fromRow<T extends z.ZodObject>(schema: T, row: object): z.input<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) out[key] = (row as Record<string, unknown>)[key];
  return out as z.input<T>;
}

/** A body with its mandate, chair, composition (for those who may see it) and warnings (for readers). */
export function bodyDetailsJson(access: BodyAccess, comp: Composition, mandates: Awaited<ReturnType<typeof mandateHistory>>) {
  const on = today();
  const current = mandates.find((m) => m.mandate.validFrom <= on) ?? mandates[0];
  const stripEmails = <T extends { email?: string | null }>(h: T) => (access.can.read && h.email ? h : { ...h, email: undefined });
  return {
    body: fromRow(bodyOut, access.body),
    mandate: current
      ? {
          ...fromRow(
            z.object({
              number: z.number(),
              purpose: z.string(),
              tasks: z.string(),
              responsibilities: z.string(),
              waysOfWorking: z.string(),
              validFrom: z.string(),
              approvedOn: z.string(),
              approvedByName: z.string(),
              approvedByBodyId: z.string().nullable(),
            }),
            current.mandate,
          ),
        }
      : null,
    chair: comp.chair,
    composition: access.can.view
      ? {
          on: comp.on,
          memberCount: comp.memberCount,
          groups: comp.groups.map((g) => ({
            ...g,
            seats: g.seats.map((s) => ({
              ...s,
              contactSurface: s.contactSurface ? { ...s.contactSurface, distributionList: access.can.read ? s.contactSurface.distributionList : undefined } : null,
              holders: s.holders.map(stripEmails),
              substitutes: s.substitutes.map(stripEmails),
            })),
          })),
          withoutSeat: comp.withoutSeat.map(stripEmails),
          withoutSeatMore: comp.withoutSeatMore,
        }
      : null,
    warnings: access.can.read ? comp.warnings : null,
    abilities: { viewComposition: access.can.view, read: access.can.read, manage: access.can.manage, createSubBody: access.can.createSub },
  };
}
