import { addLinks, caseLabels } from './common.js';
import { one } from '../../../platform/db/rows.js';
import { defineCommand } from '../../../platform/commands.js';
import { caseFor } from '../policy.js';
import { id, linkInput } from '../inputs.js';
import { fixtureCase, sampleCase } from '../samples.js';

/** cases.addLink: a link to a document, meeting, decision or another case. */
export const addCaseLink = defineCommand({
  name: 'cases.addLink',
  input: linkInput.extend({ caseId: id }),
  labels: caseLabels,
  async run(ctx, input) {
    const { kase } = await caseFor(ctx, input.caseId, 'cases.link');
    return one(await addLinks(ctx, kase, [input]));
  },
  async sample(sc) {
    const { actor, kase, world, db } = await sampleCase(sc);
    const other = await fixtureCase(db, world, 'raised');
    return { actor, input: { caseId: kase.id, kind: 'case' as const, targetId: other.id, label: 'Liknande ärende från i fjol' } };
  },
});
