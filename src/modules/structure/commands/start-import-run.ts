import { defineCommand } from '../../../platform/commands.js';
import { one } from '../../../platform/db/rows.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { forbidden } from '../../../platform/refusals.js';
import { CSV_HEADER } from '../import/csv-columns.js';
import { IMPORT_RUN_JOB, dataLinesIn } from '../import/runs.js';
import { sampleSetup } from '../samples.js';
import { importRuns, type ImportRun } from '../schema.js';
import { authorizedBody, bodyFor } from './common.js';
import { importMembers } from './import-members.js';

/**
 * structure.startImportRun: queues a large import. The file is checked for identity numbers
 * and emptiness at once (as the import itself does), the rest by the job.
 */
export const startImportRun = defineCommand({
  name: 'structure.startImportRun',
  input: importMembers.input,
  labels: importMembers.labels!,
  async prepare(input, { database, actor, now }) {
    await authorizedBody(database.db, actor, input.bodyId, 'structure.manageBody', now);
    const text = input.csvBase64 ? Buffer.from(input.csvBase64, 'base64') : (input.csv ?? '');
    return { lines: dataLinesIn(typeof text === 'string' ? text : new Uint8Array(text)) };
  },
  async run(ctx, input, prepared): Promise<ImportRun> {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    if (ctx.actor.kind !== 'person') forbidden('structure.refuse.importByPerson');
    const run = one(
      await ctx.tx
        .insert(importRuns)
        .values({ bodyId: body.id, personId: ctx.actor.personId, dryRun: input.dryRun, linesTotal: (prepared as { lines: number }).lines, input })
        .returning(),
    );
    await enqueue(ctx.tx, { kind: IMPORT_RUN_JOB, payload: { runId: run.id }, maxAttempts: 3 });
    const { input: _input, ...shown } = run;
    await ctx.audit({ objectType: 'import_run', objectId: run.id, after: shown });
    return run;
  },
  async sample(sc) {
    const { actor, body, region } = await sampleSetup(sc);
    const csv = [CSV_HEADER.join(';'), `Hälso- och sjukvård;${region.name};;Karin Bakgrund;${sc.unique('bg')}@example.se;Ledamot;2025-01-01;;`].join('\r\n');
    return { actor, input: { bodyId: body.id, csv, dryRun: true } };
  },
});
