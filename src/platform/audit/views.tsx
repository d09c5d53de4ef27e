import type { AuditRow } from './schema.js';
import type { Translate } from '../i18n/index.js';
import { formatDateTime } from '../time.js';

function short(value: unknown): string {
  if (value === null || value === undefined) return '–';
  const text = JSON.stringify(value, null, 1);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** A table of audit rows (the trail, or one object's history). */
export function AuditTable(props: { t: Translate; rows: AuditRow[]; caption: string; showObject?: boolean }) {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.at')}</th>
            <th scope="col">{t('admin.audit.actor')}</th>
            <th scope="col">{t('admin.audit.operation')}</th>
            {props.showObject ? <th scope="col">{t('admin.audit.object')}</th> : null}
            <th scope="col">{t('admin.audit.before')}</th>
            <th scope="col">{t('admin.audit.after')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{formatDateTime(r.at)}</td>
              <td>{r.actorLabel}</td>
              <td>
                <code>{r.operation}</code>
              </td>
              {props.showObject ? (
                <td>
                  <a href={`/history/${encodeURIComponent(r.objectType)}/${encodeURIComponent(r.objectId)}`}>
                    {r.objectType} {r.objectId.slice(0, 8)}
                  </a>
                </td>
              ) : null}
              <td>
                <pre class="json">{short(r.before)}</pre>
              </td>
              <td>
                <pre class="json">{short(r.after)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
