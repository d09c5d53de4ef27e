import type { Translate } from '../../platform/i18n/index.js';
import { seatRepresentations } from './schema.js';
import { tk } from './views.js';
export { principalKindLabel, roleLabel } from './views.js';

export const seatRepresentationOptions = (t: Translate) => seatRepresentations.map((r) => ({ value: r, label: tk(t, `seat.representation.${r}`) }));
