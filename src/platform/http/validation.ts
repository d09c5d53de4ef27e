import type { z } from 'zod';
import { ValidationError, type FieldError, type Text } from './errors.js';
import { defaultLang, messages, textIfAny, translator, type Translate } from '../i18n/index.js';

/**
 * The labels of input fields as the forms show them, by field name, for the messages that
 * name a field ("Ange namn", "Datumet har fel format …"). Looked up in this order: the
 * command's own `labels`, the module's label catalog (`<module>.field.<name>` in its
 * messages), the platform's (`validation.label.<name>`), and else the field's name in quotes.
 */
export type Labels = Record<string, string>;

/** The module's label catalog in one language: its `<module>.field.<name>` texts by name. */
export function catalogLabels(module: string, t: Translate): Labels {
  let byModule = labelCache.get(t);
  if (!byModule) labelCache.set(t, (byModule = new Map()));
  let out = byModule.get(module);
  if (!out) {
    const prefix = `${module}.field.`;
    out = {};
    for (const key of Object.keys(messages().sv)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = textIfAny(t, key) ?? key;
    byModule.set(module, out);
  }
  return out;
}

/** The label catalogs told so far, per translator (one per language and set of catalogs). */
const labelCache = new WeakMap<Translate, Map<string, Labels>>();

/** A field's label: the given labels by path or by last name, the platform's catalog, else its name quoted. */
function labelOf(path: string, labels: Labels, t: Translate): string {
  const last =
    path
      .split('.')
      .filter((s) => !/^\d+$/.test(s))
      .pop() ?? path;
  const found = labels[path] ?? labels[last];
  if (found) return found;
  const known = textIfAny(t, `validation.label.${last}`);
  if (known) return known;
  return path === '_' ? t('validation.input') : t('validation.unnamedField', { name: path });
}

/** The label as it is written inside a sentence ("Ange namn."): a capital kept only for an abbreviation or a name in quotes. */
function inSentence(label: string): string {
  return label.length > 1 && /\p{Lu}/u.test(label[0]!) && /\p{Ll}/u.test(label[1]!) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** The label at the start of a sentence ("Namnet får vara högst …"). */
function atStart(label: string): string {
  return label ? label[0]!.toUpperCase() + label.slice(1) : label;
}

type Issue = z.core.$ZodIssue & { input?: unknown; format?: string; origin?: string; expected?: string; minimum?: unknown; maximum?: unknown };

/** The message key and its parameters for one zod issue, naming the field by its label. */
export function issueText(issue: Issue, label: string, value: unknown = issue.input): Text {
  const names = { field: inSentence(label), Field: atStart(label) };
  const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (missing) {
    // Nothing given: ask for it ("Ange namn."), or to choose where the field is a choice.
    const choice =
      issue.code === 'invalid_value' || issue.origin === 'array' || issue.origin === 'set' || (issue.code === 'invalid_type' && !['string', 'number', 'int', 'bigint'].includes(issue.expected ?? ''));
    return { key: choice ? 'validation.choose' : 'validation.required', params: names };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return { key: 'validation.notNumber', params: names };
      if (issue.expected === 'int') return { key: 'validation.notWhole', params: names };
      return { key: 'validation.invalid', params: names };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'validation.required', params: names } : { key: 'validation.tooShort', params: { ...names, min } };
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? { key: 'validation.choose', params: names } : { key: 'validation.tooFew', params: { ...names, min } };
      return { key: 'validation.tooSmall', params: { ...names, min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { ...names, max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooMany', params: { ...names, max } };
      return { key: 'validation.tooBig', params: { ...names, max } };
    }
    case 'invalid_format':
      if (issue.format === 'date') return { key: 'validation.date', params: names };
      if (issue.format === 'time') return { key: 'validation.time', params: names };
      if (issue.format === 'datetime') return { key: 'validation.datetime', params: names };
      if (issue.format === 'email') return { key: 'validation.email', params: names };
      return { key: 'validation.invalid', params: names };
    case 'invalid_value':
      return { key: 'validation.option', params: names };
    case 'not_multiple_of':
      return { key: 'validation.notWhole', params: names };
    default:
      return { key: 'validation.invalid', params: names };
  }
}

/**
 * Turns zod issues into field errors in the reader's language (Swedish when no translator is
 * given). Each error keeps its message key, so that it can be told again in another language.
 */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], t: Translate = translator(defaultLang), labels: Labels = {}, input: unknown = NOT_GIVEN): FieldError[] {
  const out: FieldError[] = [];
  // One general message per field: a value of the wrong form also fails the checks after it
  // ("2024-13-01" is no date, nor a valid day), and saying so twice helps nobody.
  const told = new Set<string>();
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || '_';
    // A custom issue may carry its message by key (e.g. freeText's identity-number refusal).
    const keyed = issue.code === 'custom' ? keyedText(issue.params) : undefined;
    if (keyed) {
      out.push({ field, message: t(keyed.key, keyed.params), key: keyed.key, params: keyed.params });
      continue;
    }
    if (told.has(field)) continue;
    told.add(field);
    out.push(fieldError(issue, field, t, labels, input));
  }
  return out;
}

/** One issue's field error, naming the field by its label. */
function fieldError(issue: z.core.$ZodIssue, field: string, t: Translate, labels: Labels, input: unknown): FieldError {
  // A custom issue with a message of its own (a refinement's explanation) keeps it.
  if (issue.code === 'custom' && issue.message && issue.message !== 'Invalid input') return { field, message: issue.message };
  // zod's issues do not carry the value: it is looked up in the input, or else told by zod's own words.
  const value = input === NOT_GIVEN ? (/received undefined/.test(issue.message) ? undefined : true) : valueAt(input, issue.path);
  const text = issueText(issue as Issue, labelOf(field, labels, t), value);
  return { field, message: t(text.key, text.params), key: text.key, params: text.params };
}

const NOT_GIVEN = Symbol('input not given');

/** The value the input held at an issue's path (zod's issues do not carry it). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The `text` (message key and parameters) a custom issue's params carry, if any. */
function keyedText(params: Record<string, unknown> | undefined): Text | undefined {
  const text = params?.text as Partial<Text> | undefined;
  return text && typeof text.key === 'string' ? { key: text.key, params: text.params } : undefined;
}

/**
 * Parses input with a schema or throws a ValidationError listing every problem. The labels
 * may be given as a function, asked only when the input is refused.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, t?: Translate, labels?: Labels | (() => Labels)): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesToFieldErrors(result.error.issues, t, typeof labels === 'function' ? labels() : labels, input));
  return result.data;
}
