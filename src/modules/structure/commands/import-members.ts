import { z } from 'zod';
import { refuse } from '../../../platform/refusals.js';
import { defineCommand } from '../../../platform/commands.js';
import { ValidationError, type Text } from '../../../platform/http/errors.js';
import { translator } from '../../../platform/i18n/index.js';
import { findIdentityNumbers, freeTextRegistry, identityNumberText } from '../../../platform/pin.js';
import { id } from '../inputs.js';
import { decodeCsv } from '../import/csv.js';
import { CSV_HEADER } from '../import/csv-columns.js';
import { bodyFingerprint } from '../import/model.js';
import { planImport, type ImportPlan, type ImportReport } from '../import/plan.js';
import { writeImport } from '../import/write.js';
import { sampleSetup } from '../samples.js';
import { authorizedBody, bodyFor } from './common.js';

/** The pasted CSV text: free text, refused with the line of each identity number. */
const csvText = (() => {
  const schema = z
    .string()
    .max(2_000_000)
    .superRefine((value, ctx) => {
      for (const p of identityNumberProblems(value)) ctx.addIssue({ code: 'custom', message: swedish(lineText(p)), input: value, params: { reason: 'identity-number', text: lineText(p) } });
    });
  freeTextRegistry.add(schema, { freeText: true });
  return schema;
})();

/** Every line of the file that holds something like an identity number, with what was found. */
function identityNumberProblems(text: string): { line: number; text: Text }[] {
  return text.split(/\r\n|\r|\n/).flatMap((line, i) => {
    const problem = identityNumberText(findIdentityNumbers(line));
    return problem ? [{ line: i + 1, text: problem }] : [];
  });
}

/** "Line N: …" */
const lineText = (p: { line: number; text: Text }): Text => ({ key: 'structure.refuse.importLine', params: { line: p.line, problem: p.text } });

const swedish = (text: Text) => translator('sv')(text.key, text.params);

/** Refuses the whole file with its problems by line (nothing is imported). */
function refuseLines(problems: readonly { line: number; text: Text }[]): never {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const errors = sorted.map((p) => {
    const text = lineText(p);
    return { field: 'csv', key: text.key, params: text.params, message: swedish(text) };
  });
  const summary: Text = { key: 'structure.refuse.importRefused', params: { count: sorted.length } };
  throw new ValidationError(errors, swedish(summary), summary);
}

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
 * requests their turn between chunks of lines (import/plan.ts); the transaction only
 * writes what was checked, in a few multi-row statements (import/write.ts).
 */
export const importMembers = defineCommand({
  name: 'structure.importMembers',
  input: z.object({ bodyId: id, csv: csvText.optional(), csvBase64: z.base64().max(2_800_000).optional(), dryRun: z.boolean().default(false) }),
  labels: (t) => ({ csv: t('structure.import.text') }),
  async prepare(input, { database, actor, now, progress }): Promise<Prepared> {
    const body = await authorizedBody(database.db, actor, input.bodyId, 'structure.manageBody', now);
    let text = input.csv ?? '';
    let encoding = 'utf-8';
    if (input.csvBase64) {
      const decoded = decodeCsv(new Uint8Array(Buffer.from(input.csvBase64, 'base64')));
      text = decoded.text;
      encoding = decoded.encoding;
      const pins = identityNumberProblems(text);
      if (pins.length) refuseLines(pins);
    }
    if (!text.trim()) refuse('csv', 'structure.refuse.importEmpty');
    const report: ImportReport = { dryRun: input.dryRun, imported: false, encoding, rows: 0, seatsCreated: 0, membershipsCreated: 0, peopleCreated: 0, contactSurfacesCreated: 0 };
    const fingerprint = await bodyFingerprint(database.db, body.id);
    const plan = await planImport(database.db, body, text, report, now, progress);
    if (plan.problems.length) refuseLines(plan.problems);
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
