import { defineCommand } from '../../../platform/commands.js';
import { id, mandateInput } from '../inputs.js';
import { sampleSetup } from '../samples.js';
import { insertMandate } from './body-settings.js';
import { bodyFor } from './common.js';
import { bodyLabels } from './labels.js';

/** structure.addMandateVersion: a new, dated version of a body's mandate, approved by a named body. */
export const addMandateVersion = defineCommand({
  name: 'structure.addMandateVersion',
  input: mandateInput.extend({ bodyId: id }),
  labels: bodyLabels,
  async run(ctx, input) {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    return insertMandate(ctx, body, input);
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return {
      actor,
      input: {
        bodyId: body.id,
        purpose: 'Samordna det strategiska samverkansarbetet.',
        tasks: 'Prioritera och fatta inriktningsbeslut.',
        responsibilities: 'Hantera ekonomin.',
        waysOfWorking: 'Beslut i bred enighet.',
        validFrom: '2025-01-01',
        approvedOn: '2024-12-13',
        approvedByName: 'Politiska samrådsgruppen',
      },
    };
  },
});
