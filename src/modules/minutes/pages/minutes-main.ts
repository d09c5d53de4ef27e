import { prefixed } from '../../../platform/views/fields.js';
import { formatDate } from '../../../platform/time.js';
import { attachmentsOf } from '../../meetings/index.js';
import type { FieldError } from '../../../platform/http/errors.js';
import {
  actionsOfMeeting,
  appointees,
  contentVersion,
  decisionLabelsOf,
  distributionOf,
  evaluationsOf,
  foldEvaluations,
  isLocked,
  itemsOf,
  peopleChoices,
  personNames,
  snapshotOf,
  tabledOriginsOf,
  versionsOf,
} from '../queries/index.js';
import { buildSnapshot } from '../snapshot.js';
import { minutesNumbers } from '../numbering.js';
import { tabledOrigin } from '../sources.js';
import type { MinuteItem } from '../schema.js';
import type { FormState } from '../views/form-state.js';
import { itemPrefix } from '../views/item-form.js';
import { caseRefsOf, caseStepsOf, type CaseStepChoice } from '../case-subjects.js';
import { minutesKindLabel } from '../views/minutes-view.js';
import { minutesCrumbs, minutesPage, pageDeps, type C } from './common.js';
import { chairsOfMeeting, contradictionsOf, type Contradiction } from '../consistency.js';
import { viewsInAdvanceOf } from '../views-in-advance.js';

/* The loader of the minutes page: every query it needs, as plain data for the view (views/minutes-main.tsx). */

/** What a refused form brings back to the page: the values and errors of the form that was sent. */
export interface PageState {
  item?: { id: string; state: FormState; conflict?: MinuteItem };
  header?: FormState;
  action?: FormState;
  errors?: FieldError[];
  status?: number;
}

/** Everything the minutes page shows, loaded for the reader: the loader of `minutesMain`. */
export async function loadMinutesMain(c: C, state: PageState) {
  const { t, lang, db, actor } = pageDeps(c);
  const data = await minutesPage(c);
  const { meeting, body, minutes: m, can } = data;
  const kind = minutesKindLabel(t, m?.kind ?? body.minutesKind);
  const title = t('minutes.title', { kind, meeting: `${meeting.title} ${formatDate(meeting.startsAt)}` });
  const crumbs = minutesCrumbs(c, data, kind).slice(0, -1).concat({ label: kind });
  const base = `/meetings/${meeting.id}/minutes`;

  if (!m) return { data, title, crumbs, base, started: undefined };

  const locked = isLocked(m);
  const editing = can.write && !locked;
  const versions = await versionsOf(db, m.id);
  const latest = versions.at(-1);
  const [items, actions, answers, cv, choices, files, decisionOf, origins, appointable] = await Promise.all([
    itemsOf(db, m.id),
    actionsOfMeeting(db, meeting.id),
    evaluationsOf(db, meeting.id),
    contentVersion(db, m),
    can.write || can.approve ? peopleChoices(db, meeting) : Promise.resolve([]),
    can.write ? attachmentsOf(db, meeting.id) : Promise.resolve([]),
    decisionLabelsOf(db, meeting.id, body),
    tabledOriginsOf(db, meeting.id, tabledOrigin),
    can.write ? appointees(db, data) : Promise.resolve([]),
  ]);
  // The cases the items handle: number and title, and for the writer the steps a decision may carry now.
  const caseIds = items.map((i) => i.caseId);
  const [caseRefs, caseSteps] = await Promise.all([caseRefsOf(db, caseIds), editing ? caseStepsOf(db, caseIds, lang) : Promise.resolve(new Map<string, CaseStepChoice[]>())]);
  const snapshot = locked && latest ? snapshotOf(latest) : await buildSnapshot(db, meeting, m, { body });
  const names = await personNames(db, [...data.approvals.map((a) => a.personId), ...(state.item?.conflict?.updatedBy ? [state.item.conflict.updatedBy] : [])]);
  const me = actor.kind === 'person' ? actor.personId : null;
  const myApproval = data.approvals.find((a) => a.personId === me);
  // "Bordlagd på mötet …": where a tabled item taken up again comes from.
  const tabledFrom = new Map(origins.map((o) => [o.agendaItemId, t('minutes.item.tabledFrom', { date: formatDate(o.startsAt), number: o.number })]));

  const errors = [
    ...(state.errors ?? []),
    ...(state.header ? prefixed('header', state.header.errors) : []),
    ...(state.action ? prefixed('action', state.action.errors) : []),
    ...(state.item && !state.item.conflict ? prefixed(itemPrefix({ id: state.item.id }), state.item.state.errors) : []),
  ];
  const folded =
    c.req.query('fold') === '1' && can.write
      ? foldEvaluations(
          answers.map((a) => a.e),
          { drive: t('minutes.evaluation.drive'), hinder: t('minutes.evaluation.hinder') },
        )
      : undefined;
  const distribution = can.write ? await distributionOf(db, body.id) : undefined;
  // What contradicts the attendance (warnings before the buttons that lock), who chairs in whose place, and the views sent in advance.
  const [chairs, views] = editing ? await Promise.all([chairsOfMeeting(db, meeting), viewsInAdvanceOf(db, meeting.id)]) : [undefined, undefined];
  const contradictions: Contradiction[] = chairs ? contradictionsOf(chairs, m) : [];
  const chairChoices = chairs?.chairAway ? [...appointable, ...chairs.present.filter((p) => !appointable.some((a) => a.id === p.id))] : appointable;
  const chairInPlaceOf = chairs?.chair && m.chairPersonId && chairs.chair.personId !== m.chairPersonId ? chairs.chair.name : null;
  const shown = await minutesNumbers(db, { body, meeting, minutes: m, items });
  const numbered = items.map((item) => ({ item, number: shown.get(item.id)! }));
  return {
    data,
    title,
    crumbs,
    base,
    started: {
      m,
      locked,
      editing,
      versions,
      latest,
      items,
      actions,
      answers,
      cv,
      choices,
      files,
      appointable,
      snapshot,
      decisionOf,
      names,
      me,
      myApproval,
      tabledFrom,
      errors,
      folded,
      distribution,
      numbered,
      caseRefs,
      caseSteps,
      contradictions,
      chairChoices,
      chairInPlaceOf,
      views,
    },
  };
}

export type MinutesMainData = Awaited<ReturnType<typeof loadMinutesMain>>;
