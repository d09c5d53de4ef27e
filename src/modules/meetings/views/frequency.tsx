import type { Translate } from '../../../platform/i18n/index.js';
import type { FrequencyCheck } from '../frequency.js';

/** "1 av minst 2 denna termin" lines and warnings. */
function checkText(t: Translate, c: FrequencyCheck): string {
  if (c.state === 'info') return t('meetings.frequency.countOnly', { what: t(`meetings.frequency.what.${c.key}`), period: c.period, held: c.held, planned: c.planned });
  const target =
    c.min !== null
      ? c.max !== null && c.max !== c.min
        ? t('meetings.frequency.range', { min: c.min, max: c.max })
        : t('meetings.frequency.atLeast', { min: c.min })
      : c.max !== null
        ? t('meetings.frequency.atMost', { max: c.max })
        : null;
  return t(`meetings.frequency.${c.key}`, { period: c.period, held: c.held, planned: c.planned, target: target ?? t('meetings.frequency.noRule') });
}

export function FrequencyPanel(props: { t: Translate; checks: FrequencyCheck[] }) {
  const { t } = props;
  return (
    <section aria-labelledby="frequency-title">
      <h2 id="frequency-title">{t('meetings.frequency.title')}</h2>
      <ul class="frequency">
        {props.checks.map((c) => (
          <li class={`frequency-${c.state}`}>
            {checkText(t, c)} {c.state === 'info' ? null : <strong>{t(`meetings.frequency.state.${c.state}`)}</strong>}
          </li>
        ))}
      </ul>
    </section>
  );
}
