import type { Translate } from '../../../platform/i18n/index.js';
import { seatRepresentations } from '../schema.js';
export { roleLabel } from './common.js';

export const seatRepresentationOptions = (t: Translate) => seatRepresentations.map((r) => ({ value: r, label: t(`structure.seat.representation.${r}`) }));
