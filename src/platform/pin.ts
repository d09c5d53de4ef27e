import { z } from 'zod';
import type { Text } from './http/errors.js';
import { translator, type MessageKey } from './i18n/index.js';

/**
 * Samverka holds no patient data. Every free-text field therefore refuses text that looks
 * like a Swedish personal identity number (personnummer) or coordination number
 * (samordningsnummer). This module finds such numbers in free text and offers zod helpers
 * that brand free-text fields so that tests can find every one of them by walking schemas.
 */

export type IdentityNumberKind = 'personnummer' | 'samordningsnummer';

export interface IdentityNumberMatch {
  /** The text exactly as written, separator included. */
  match: string;
  /** Offset of the match in the searched text (UTF-16 code units). */
  index: number;
  kind: IdentityNumberKind;
}

/**
 * A candidate: 6 (YYMMDD) or 8 (YYYYMMDD) digits, an optional separator, 4 digits (NNNC).
 * The look-arounds make sure the digits are not part of a longer run of digits.
 * Separators: hyphen, plus (people aged 100 or more) and the hyphen-like characters word
 * processors substitute for "-", each with up to two spaces on either side ("121212 - 1212");
 * or a single space or no-break space alone.
 */
const CANDIDATE = /(?<!\d)(?<date>\d{8}|\d{6})(?:[ \u00a0]{0,2}[-+\u2010\u2011\u2012\u2013][ \u00a0]{0,2}|[ \u00a0])?(?<last>\d{4})(?!\d)/g;

/** Text just before a candidate that makes it an international Swedish phone number. */
const SWEDISH_COUNTRY_CODE_BEFORE = /(?:\+|(?<!\d)00)\s*46[\s\-.]*(?:\(0\)[\s\-.]*)?$/;
/** An international prefix just before a candidate that itself starts with 46. */
const INTERNATIONAL_PREFIX_BEFORE = /(?:\+|(?<!\d)00)\s*$/;

/** True when the candidate is written as a phone number after +46 or 0046. */
function followsSwedishCountryCode(text: string, index: number, candidate: string): boolean {
  // A short window is enough for "+46 (0) " and keeps the check cheap on long texts.
  const before = text.slice(Math.max(0, index - 32), index);
  if (SWEDISH_COUNTRY_CODE_BEFORE.test(before)) return true;
  return candidate.startsWith('46') && INTERNATIONAL_PREFIX_BEFORE.test(before);
}

const PLAUSIBLE_CENTURIES = new Set([18, 19, 20]);

/** Luhn (mod 10) check over the 10-digit form YYMMDDNNNC. */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10 === Number(tenDigits[9]);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Checks the date part and tells which kind of number it is, or null when it is no date.
 * With only two year digits the century is unknown, so the date counts as real when it
 * exists in at least one of the centuries the number could belong to.
 */
function dateKind(datePart: string): IdentityNumberKind | null {
  const long = datePart.length === 8;
  const month = Number(datePart.slice(long ? 4 : 2, long ? 6 : 4));
  let day = Number(datePart.slice(long ? 6 : 4, long ? 8 : 6));
  if (month < 1 || month > 12) return null;

  let kind: IdentityNumberKind = 'personnummer';
  if (day > 60) {
    kind = 'samordningsnummer';
    day -= 60;
  }
  if (day < 1) return null;

  let years: number[];
  if (long) {
    const century = Number(datePart.slice(0, 2));
    if (!PLAUSIBLE_CENTURIES.has(century)) return null;
    years = [Number(datePart.slice(0, 4))];
  } else {
    const yy = Number(datePart.slice(0, 2));
    years = [1800 + yy, 1900 + yy, 2000 + yy];
  }
  return years.some((year) => day <= daysInMonth(year, month)) ? kind : null;
}

/**
 * Finds Swedish personnummer and samordningsnummer in free text, in order of appearance.
 *
 * Accepted forms: YYMMDDNNNC and YYYYMMDDNNNC, with or without "-", "+" (spaces around them
 * allowed) or a space before the last four digits. The date must be a real calendar date
 * (samordningsnummer add 60 to the day), a 12-digit form must start with century 18, 19 or 20, and the Luhn check digit
 * over the 10-digit form must be right. Digits inside a longer run of digits are ignored,
 * and so are numbers written after the Swedish country code (+46 or 0046).
 */
export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  const found: IdentityNumberMatch[] = [];
  const candidates = new RegExp(CANDIDATE.source, CANDIDATE.flags);
  let m: RegExpExecArray | null;
  while ((m = candidates.exec(text)) !== null) {
    const whole = m[0];
    const datePart = m.groups?.date ?? '';
    const lastFour = m.groups?.last ?? '';
    const kind = dateKind(datePart);
    const valid = kind !== null && luhnValid(datePart.slice(-6) + lastFour) && !followsSwedishCountryCode(text, m.index, whole);
    if (valid) {
      found.push({ match: whole, index: m.index, kind });
    } else {
      // Let a later candidate start inside a rejected one.
      candidates.lastIndex = m.index + 1;
    }
  }
  return found;
}

/** True when the text contains something that looks like a personnummer or samordningsnummer. */
export function containsIdentityNumber(text: string): boolean {
  return findIdentityNumbers(text).length > 0;
}

const ONE_NUMBER: Record<IdentityNumberKind, MessageKey> = {
  personnummer: 'validation.identityNumber.personnummer',
  samordningsnummer: 'validation.identityNumber.samordningsnummer',
};
const SEVERAL_NUMBERS: Record<IdentityNumberKind, MessageKey> = {
  personnummer: 'validation.identityNumbers.personnummer',
  samordningsnummer: 'validation.identityNumbers.samordningsnummer',
};

/** The refusal of a free text that contains identity numbers, by message key (undefined when none was found). */
export function identityNumberText(found: readonly IdentityNumberMatch[]): Text | undefined {
  const first = found[0];
  if (!first) return undefined;
  const params = { found: found.map((f) => `”${f.match}”`).join(', ') };
  if (found.length === 1) return { key: ONE_NUMBER[first.kind], params };
  const mixed = new Set(found.map((f) => f.kind)).size > 1;
  return { key: mixed ? 'validation.identityNumbers.mixed' : SEVERAL_NUMBERS[first.kind], params };
}

/** The Swedish message shown when a free text contains identity numbers. */
export function identityNumberMessage(found: readonly IdentityNumberMatch[]): string {
  const text = identityNumberText(found);
  return text ? translator('sv')(text.key, text.params) : '';
}

// ---------------------------------------------------------------------------------------
// zod helpers
// ---------------------------------------------------------------------------------------

interface FreeTextMeta {
  freeText: true;
}

/**
 * Registry that brands free-text schemas. zod 4 registries follow a schema's `parent`, so
 * refinements added later (`freeText().max(50)`, `.describe(...)`) keep the brand.
 */
export const freeTextRegistry = z.registry<FreeTextMeta>();

/** Longest free text accepted unless a field says otherwise. */
const FREE_TEXT_DEFAULT_MAX = 10_000;

interface FreeTextOptions {
  /** Maximum length after trimming; defaults to FREE_TEXT_DEFAULT_MAX. */
  max?: number;
  /** Minimum length after trimming; no minimum unless given. */
  min?: number;
}

/**
 * A trimmed string schema for free text that refuses identity numbers. Length issues keep
 * zod's own codes (too_small / too_big) so the form layer can phrase them; an identity
 * number gives a `custom` issue with a Swedish message showing the matched text.
 */
export function freeText(options: FreeTextOptions = {}) {
  let schema = z.string().trim();
  if (options.min !== undefined) schema = schema.min(options.min);
  schema = schema.max(options.max ?? FREE_TEXT_DEFAULT_MAX);
  const branded = schema.superRefine((value, ctx) => {
    const found = findIdentityNumbers(value);
    if (found.length === 0) return;
    ctx.addIssue({
      code: 'custom',
      message: identityNumberMessage(found),
      input: value,
      // `text`: the message by key, told in the reader's language (issuesToFieldErrors).
      params: { reason: 'identity-number', kinds: found.map((f) => f.kind), matches: found.map((f) => f.match), text: identityNumberText(found) },
    });
  });
  freeTextRegistry.add(branded, { freeText: true });
  return branded;
}

/**
 * Optional free text: undefined, an empty string or only white space all become undefined;
 * anything else is checked as freeText(options).
 */
export function optionalFreeText(options: FreeTextOptions = {}) {
  const schema = z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value))
    .pipe(freeText(options).optional());
  freeTextRegistry.add(schema, { freeText: true });
  return schema;
}

/** True when the schema itself is branded as free text (wrappers are not looked through). */
export function isFreeTextSchema(schema: z.core.$ZodType): boolean {
  return freeTextRegistry.get(schema)?.freeText === true;
}

/**
 * Walks a zod 4 schema tree and returns the dotted paths of its free-text fields.
 * Object keys become path segments; array elements, record values, map/set values and an
 * object's catchall become "*"; tuple items their index. Wrappers (optional, nullable,
 * default, prefault, catch, readonly, nonoptional, promise, lazy) are looked through, as
 * are both sides of pipes and intersections and every option of a union. A free-text
 * schema at the root gives the path "". Each path is listed once, in order of discovery;
 * a recursive (lazy) schema is walked once, so its paths are listed at the first level only.
 */
export function collectFreeTextPaths(schema: z.core.$ZodType): string[] {
  const paths: string[] = [];
  const seen = new Set<string>();
  const onStack = new Set<z.core.$ZodType>();

  const join = (path: string, segment: string) => (path === '' ? segment : `${path}.${segment}`);

  const walk = (node: z.core.$ZodType, path: string): void => {
    if (isFreeTextSchema(node)) {
      if (!seen.has(path)) {
        seen.add(path);
        paths.push(path);
      }
      return;
    }
    if (onStack.has(node)) return; // recursive (lazy) schemas
    onStack.add(node);
    const def = (node as z.core.$ZodTypes)._zod.def;
    switch (def.type) {
      case 'object':
        for (const [key, child] of Object.entries(def.shape)) walk(child, join(path, key));
        if (def.catchall) walk(def.catchall, join(path, '*'));
        break;
      case 'array':
        walk(def.element, join(path, '*'));
        break;
      case 'tuple':
        def.items.forEach((item, i) => walk(item, join(path, String(i))));
        if (def.rest) walk(def.rest, join(path, '*'));
        break;
      case 'record':
      case 'map':
      case 'set':
        walk(def.valueType, join(path, '*'));
        break;
      case 'union':
        for (const option of def.options) walk(option, path);
        break;
      case 'intersection':
        walk(def.left, path);
        walk(def.right, path);
        break;
      case 'pipe':
        walk(def.in, path);
        walk(def.out, path);
        break;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'catch':
      case 'readonly':
      case 'promise':
      case 'success':
        walk(def.innerType, path);
        break;
      case 'lazy':
        // The cached inner schema keeps its identity, so recursion is detected.
        walk((node as z.core.$ZodLazy)._zod.innerType, path);
        break;
      default:
        break;
    }
    onStack.delete(node);
  };

  walk(schema, '');
  return paths;
}
