/** Who is acting: a signed-in person, the system (worker, seed), or nobody. */
export type Actor = { kind: 'person'; personId: string; name: string; isAdmin: boolean; via: 'session' | 'token' } | { kind: 'system'; label: string } | { kind: 'anonymous' };

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (label = 'system'): Actor => ({ kind: 'system', label });

export function actorId(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.personId : null;
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'person') return actor.name;
  if (actor.kind === 'system') return `system:${actor.label}`;
  return 'anonymous';
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'person' && actor.isAdmin);
}
