import type { BodyRole } from '../../platform/auth/roles.js';
import type { PrincipalKind } from './schema.js';

/** Swedish phrases for refusals written by commands (the catalog has the page texts). */

/** "ska komma från …": regionen / kommunerna / annan huvudman. */
export function kindPhrase(kind: PrincipalKind): string {
  return kind === 'region' ? 'regionen' : kind === 'municipality' ? 'kommunerna' : 'en annan huvudman';
}

/** "X företräder …": regionen / en kommun / en annan huvudman. */
export function personKindPhrase(kind: PrincipalKind): string {
  return kind === 'region' ? 'regionen' : kind === 'municipality' ? 'en kommun' : 'en annan huvudman';
}

const ROLE_NAMES: Record<BodyRole, string> = {
  chair: 'Ordförande',
  vice_chair: 'Vice ordförande',
  secretary: 'Sekreterare',
  process_leader: 'Processledare',
  convenor: 'Sammankallande',
  member: 'Ledamot',
  substitute: 'Ersättare',
  adjunct: 'Adjungerad',
  expert: 'Sakkunnig',
  reader: 'Läsare',
};

export function roleName(role: BodyRole): string {
  return ROLE_NAMES[role];
}
