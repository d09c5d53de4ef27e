import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import { today } from '../../../platform/days.js';
import { CSV_HEADER } from '../import/csv-columns.js';
import { writeCsv } from '../import/csv.js';
import { compositionOf, type Holder } from '../queries/composition.js';
import { compositionForReader } from '../policy.js';
import { bodyAccess } from '../policy.js';
import { roleLabel } from '../views/common.js';

const EMAIL_COLUMN = CSV_HEADER.indexOf('E-post');

/**
 * GET /bodies/:id/members.csv: the current composition as CSV (seats with holders, vacant
 * seats, engagements without a seat), for those who may read the body. The e-mail column
 * is there only for those who manage the body (chair, vice chair, secretary, process
 * leader, administrators), and its addresses follow the one rule in policy.ts;
 * other readers get the same file without the column.
 */
export async function membersCsv(c: Context<AppEnv>) {
  const access = await bodyAccess(c, c.req.param('id') ?? '');
  if (!access.can.read) throw new ForbiddenError();
  const db = c.get('deps').database.db;
  const on = today();
  const t = c.get('t');
  const comp = await compositionForReader(db, c.get('actor'), await compositionOf(db, access.body, on, { othersLimit: 100_000 }));
  const person = (h: Holder) => [h.name, h.email ?? '', roleLabel(t, h.role), h.startOn, h.endOn ?? ''];
  const rows: string[][] = [CSV_HEADER];
  for (const g of comp.groups) {
    for (const s of g.seats) {
      const represents = g.principalName && s.representation === 'principal' ? g.principalName : s.representation === 'organisation' ? (s.representsName?.replace(/ \(.*\)$/, '') ?? '') : '';
      const base = [s.function, represents, s.contactSurface?.name ?? ''];
      if (s.vacant) rows.push([...base, '', '', '', '', '', '']);
      for (const h of [...s.holders, ...s.substitutes]) rows.push([...base, ...person(h), '']);
    }
  }
  for (const h of comp.withoutSeat) rows.push(['', '', '', ...person(h), h.reason ?? '']);
  const out = access.can.manage ? rows : rows.map((r) => r.filter((_, i) => i !== EMAIL_COLUMN));
  const filename = `${access.body.slug}-${on}.csv`;
  return c.body(writeCsv(out), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
}
