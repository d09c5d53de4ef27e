import type { DbOrTx } from '../../platform/db/client.js';
import type { Day } from '../../platform/days.js';
import { bodiesOfPerson, type PersonBodyRow } from './queries.js';
import { extensionPoint, installed } from '../../platform/registry.js';

/**
 * Everything a person holds, for the leaving flow: their engagements in bodies (seats and
 * roles) from this module, and whatever later modules register (open actions, approvals,
 * convenorships…), so that each can be handed over in one place.
 */
interface OtherHolding {
  /** What it is, in the reader's language is up to the provider (Swedish by default). */
  label: string;
  /** Where to hand it over. */
  href: string;
}

type HoldingProvider = (db: DbOrTx, personId: string, on: Day) => Promise<OtherHolding[]>;

/** What a person holds with another module (a manifest contributes `holdings`). */
const HOLDINGS = extensionPoint<HoldingProvider>('structure.holdings');

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
      .map((p) => p(db, personId, on)),
  ]);
  return { memberships, other: others.flat() };
}
