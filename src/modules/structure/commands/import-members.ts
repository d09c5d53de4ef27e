import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { findIdentityNumbers, freeTextRegistry, identityNumberMessage } from '../../../platform/pin.js';
import { id } from '../inputs.js';
import { decodeCsv } from '../csv.js';
import { CSV_HEADER } from '../csv-columns.js';
import { bodyFingerprint } from '../import-model.js';
import { planImport, type ImportPlan, type ImportReport } from '../import-plan.js';
import { writeImport } from '../import-write.js';
import { sampleSetup } from '../samples.js';
import { authorizedBody, bodyFor } from './common.js';

/** The pasted CSV text: free text, refused with the line of each identity number. */
export const csvText = (() => {
  const schema = z
    .string()
    .max(2_000_000)
    .superRefine((value, ctx) => {
      for (const problem of identityNumberProblems(value)) ctx.addIssue({ code: 'custom', message: problem, input: value, params: { reason: 'identity-number' } });
    });
  freeTextRegistry.add(schema, { freeText: true });
  return schema;
})();

function identityNumberProblems(text: string): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line, i) => {
    const found = findIdentityNumbers(line);
    return found.length ? [`Rad ${i + 1}: ${identityNumberMessage(found)}`] : [];
  });
}

export type { ImportReport } from '../import-plan.js';

interface Prepared {
  plan: ImportPlan;
  fingerprint: string;
}

/**
 * structure.importMembers: seats and members of a body from a CSV file. Every row is
 * checked under the same rules as the forms; any problem is reported with its line number
 * and nothing is imported. A dry run checks everything and imports nothing.
 *
 * The checking runs before the transaction, reading in short steps and giving other
 * requests their turn between chunks of lines (import-plan.ts); the transaction only
 * writes what was checked, in a few multi-row statements (import-write.ts).
 */
export const importMembers = defineCommand({
  name: 'structure.importMembers',
  input: z.object({ bodyId: id, csv: csvText.optional(), csvBase64: z.base64().max(2_800_000).optional(), dryRun: z.boolean().default(false) }),
  labels: (t) => ({ csv: t('import.text') }),
  async prepare(input, { database, actor, now, progress }): Promise<Prepared> {
    const body = await authorizedBody(database.db, actor, input.bodyId, 'structure.manageBody', now);
    let text = input.csv ?? '';
    let encoding = 'utf-8';
    if (input.csvBase64) {
      const decoded = decodeCsv(new Uint8Array(Buffer.from(input.csvBase64, 'base64')));
      text = decoded.text;
      encoding = decoded.encoding;
      const pins = identityNumberProblems(text);
      if (pins.length)
        throw new ValidationError(
          pins.map((message) => ({ field: 'csv', message })),
          pins[0],
        );
    }
    if (!text.trim()) throw new ValidationError([{ field: 'csv', message: 'Filen är tom. Välj en CSV-fil eller klistra in innehållet.' }], 'Filen är tom.');
    const report: ImportReport = { dryRun: input.dryRun, imported: false, encoding, rows: 0, seatsCreated: 0, membershipsCreated: 0, peopleCreated: 0, contactSurfacesCreated: 0 };
    const fingerprint = await bodyFingerprint(database.db, body.id);
    const plan = await planImport(database.db, body, text, report, now, progress);
    if (plan.problems.length) {
      const problems = [...plan.problems].sort((a, b) => a.line - b.line);
      throw new ValidationError(
        problems.map((p) => ({ field: 'csv', message: `Rad ${p.line}: ${p.message}` })),
        `Filen har ${problems.length} fel; inget har importerats.`,
      );
    }
    return { plan, fingerprint };
  },
  async run(ctx, input, prepared): Promise<ImportReport> {
    const { plan, fingerprint } = prepared as Prepared;
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    if (!input.dryRun) await writeImport(ctx, body, plan, fingerprint);
    const report = { ...plan.report, imported: !input.dryRun };
    await ctx.audit({ objectType: 'body', objectId: body.id, after: { import: report } });
    return report;
  },
  async sample(sc) {
    const { actor, body, region } = await sampleSetup(sc);
    const csv = [CSV_HEADER.join(';'), `Hälso- och sjukvård;${region.name};;Karin Import;${sc.unique('imp')}@example.se;Ledamot;2025-01-01;;`].join('\r\n');
    return { actor, input: { bodyId: body.id, csv, dryRun: false } };
  },
});
