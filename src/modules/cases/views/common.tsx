import type { Child } from 'hono/jsx';
import type { Translate } from '../../../platform/i18n/index.js';
import { phaseOf, type CaseState } from '../flow.js';
import { caseRef } from '../wording.js';
import type { TrafficLight } from '../schema.js';

/*
 * Small pieces the case pages share. Several forms live on one page, so fields take an
 * explicit id (unique on the page) besides their name, and error summaries link to those ids.
 */

const stateKey = (s: CaseState) => `cases.state.${s}` as const;
const lightKey = (l: TrafficLight) => `cases.light.${l}` as const;

export function StateTag(props: { t: Translate; state: CaseState }) {
  return <span class={`tag case-state phase-${phaseOf(props.state)}`}>{props.t(stateKey(props.state))}</span>;
}

/** A traffic light: colour and words (never colour alone). */
export function Light(props: { t: Translate; status: TrafficLight }) {
  return (
    <span class={`light light-${props.status}`}>
      <span class="light-dot" aria-hidden="true"></span>
      {props.t(lightKey(props.status))}
    </span>
  );
}

export function Ref(props: { kase: { year: number; number: number }; prefix?: string }) {
  return <span class="case-ref">{caseRef(props.kase, props.prefix)}</span>;
}

export function Section(props: { id: string; title: string; children?: Child }) {
  return (
    <section aria-labelledby={`${props.id}-title`} id={props.id} class="case-section">
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** A definition list of label–value pairs (values may be missing: shown as a dash). */
export function Facts(props: { items: [string, Child | null | undefined][] }) {
  return (
    <dl class="facts">
      {props.items.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '–' : v}</dd>
        </>
      ))}
    </dl>
  );
}

/** Paragraphs of a free text, line breaks kept. */
export function Prose(props: { text: string | null | undefined; empty?: string }) {
  if (!props.text?.trim()) return props.empty ? <p class="muted">{props.empty}</p> : null;
  return (
    <div class="prose">
      {props.text.split(/\n{2,}/).map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}
