import { directiveInput } from '../inputs.js';
import { saveDraft, directiveLabels } from './common.js';
import { defineCommand } from '../../../platform/commands.js';
import { caseFor } from '../policy.js';
import { sampleCase } from '../samples.js';

/** cases.saveDirective: saves the assignment directive as a draft (any part may still be missing). */
export const saveDirective = defineCommand({
  name: 'cases.saveDirective',
  input: directiveInput,
  labels: directiveLabels,
  async run(ctx, input) {
    const loaded = await caseFor(ctx, input.caseId, 'cases.manage');
    return saveDraft(ctx, loaded, input);
  },
  async sample(sc) {
    const { actor, kase } = await sampleCase(sc, 'working_group');
    return { actor, input: { caseId: kase.id, shortDescription: 'Ta fram en gemensam rutin.', background: 'Frågan har väckts av MAS-nätverket.', reportDates: [] } };
  },
});
