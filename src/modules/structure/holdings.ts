import type { CommandContext } from '../../platform/commands.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Day } from '../../platform/days.js';
import type { Text } from '../../platform/http/errors.js';
import { extensionPoint, installed } from '../../platform/registry.js';
import { bodiesOfPerson, type PersonBodyRow } from './queries/index.js';

/**
 * Everything a person holds, for the leaving flow: their engagements in bodies (seats and
 * roles) from this module, and what other modules contribute (the minutes' open actions
 * and pending approvals …), so that each can be handed over in one place.
 */
export interface OtherHolding {
  /** What it is, by key (told in the reader's language). */
  text: Text;
  /** Where to see it. */
  href: string;
}

/** What a person holds with another module, and how it is handed to a successor. */
export interface HoldingProvider {
  id: string;
  list(db: DbOrTx, personId: string, on: Day): Promise<OtherHolding[]>;
  /** Gives all of it to the successor in the leaving's transaction (audited); returns how many things moved. */
  handOver(ctx: CommandContext, leaving: { personId: string; successorId: string; endOn: Day }): Promise<number>;
}

/** The providers of other modules' holdings (a manifest contributes them). */
export const HOLDINGS = extensionPoint<HoldingProvider>('structure.holdings');

interface Holdings {
  memberships: PersonBodyRow[];
  other: OtherHolding[];
}

/** What the person holds on the day and after it. */
export async function holdingsOf(db: DbOrTx, personId: string, on: Day): Promise<Holdings> {
  const [memberships, ...others] = await Promise.all([
    bodiesOfPerson(db, personId, { on, includeFuture: true }),
    ...installed()
      .all(HOLDINGS)
      .map((p) => p.list(db, personId, on)),
  ]);
  return { memberships, other: others.flat() };
}

/** Hands everything the other modules hold for the person to the successor; returns how many things moved. */
export async function handOverOtherHoldings(ctx: CommandContext, leaving: { personId: string; successorId: string; endOn: Day }): Promise<number> {
  let moved = 0;
  for (const provider of installed().all(HOLDINGS)) moved += await provider.handOver(ctx, leaving);
  return moved;
}
