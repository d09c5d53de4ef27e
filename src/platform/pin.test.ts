import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesToFieldErrors } from './http/validation.js';
import { fieldErrorsIn } from './http/errors.js';
import { translator } from './i18n/index.js';
import { collectFreeTextPaths, containsIdentityNumber, findIdentityNumbers, freeText, identityNumberMessage, isFreeTextSchema, luhnValid, optionalFreeText } from './pin.js';

/** Independent Luhn computation for the tests: the check digit for nine digits YYMMDDNNN. */
function checkDigit(nine: string): number {
  const sum = [...nine].map((d, i) => Number(d) * (i % 2 === 0 ? 2 : 1)).reduce((acc, n) => acc + Math.floor(n / 10) + (n % 10), 0);
  return (10 - (sum % 10)) % 10;
}

/**
 * A samordningsnummer computed here: born 1970-10-03, day 03 + 60 = 63, birth number 239,
 * check digit by Luhn over 701063239 → 1, so 701063-2391 (also 19701063-2391).
 */
const SAMORDNING_NINE = '701063239';
const SAMORDNING = `701063-239${checkDigit(SAMORDNING_NINE)}`;

/** The check digit that is wrong for nine digits (right one + 1, mod 10). */
function wrongCheckDigit(nine: string): number {
  return (checkDigit(nine) + 1) % 10;
}

const matches = (text: string) => findIdentityNumbers(text).map((f) => f.match);

describe('findIdentityNumbers: valid personnummer', () => {
  it('finds the Skatteverket test number in all its forms', () => {
    expect(checkDigit('121212121')).toBe(2);
    for (const form of ['19121212-1212', '121212-1212', '1212121212', '191212121212', '121212 1212', '19121212 1212']) {
      expect(findIdentityNumbers(form), form).toEqual([{ match: form, index: 0, kind: 'personnummer' }]);
    }
  });
  it('finds a "+" separated number (people aged 100 or more)', () => {
    expect(findIdentityNumbers('121212+1212')).toEqual([{ match: '121212+1212', index: 0, kind: 'personnummer' }]);
  });
  it('accepts the en dash a word processor may put in place of the hyphen', () => {
    expect(matches('121212–1212')).toEqual(['121212–1212']);
  });
  it('accepts spaces around the separator, and reports them as part of the match', () => {
    for (const form of ['121212 - 1212', '121212 -1212', '121212- 1212', '19121212 - 1212', '121212 – 1212', '121212 + 1212', '121212\u00a0-\u00a01212', '121212  -  1212']) {
      expect(findIdentityNumbers(`Gäller ${form}.`), form).toEqual([{ match: form, index: 7, kind: 'personnummer' }]);
    }
    expect(matches(`Se ${SAMORDNING.replace('-', ' - ')}`)).toEqual([SAMORDNING.replace('-', ' - ')]);
  });
  it('accepts centuries 18, 19 and 20 for the 12-digit form', () => {
    for (const century of ['18', '19', '20']) {
      expect(matches(`${century}121212-1212`), century).toEqual([`${century}121212-1212`]);
    }
  });
});

describe('findIdentityNumbers: samordningsnummer', () => {
  it(`finds the computed samordningsnummer ${SAMORDNING} (day 63 = 3 + 60)`, () => {
    expect(SAMORDNING).toBe('701063-2391');
    expect(luhnValid('7010632391')).toBe(true);
    expect(findIdentityNumbers(SAMORDNING)).toEqual([{ match: SAMORDNING, index: 0, kind: 'samordningsnummer' }]);
    expect(findIdentityNumbers(`19${SAMORDNING}`)).toEqual([{ match: `19${SAMORDNING}`, index: 0, kind: 'samordningsnummer' }]);
    expect(findIdentityNumbers('7010632391')[0]?.kind).toBe('samordningsnummer');
  });
  it('accepts day 91 (31 + 60) but not day 92 or day 60', () => {
    const day91 = `701291${'239'}`;
    expect(matches(`${day91}${checkDigit(day91)}`)).toHaveLength(1);
    const day92 = `701292${'239'}`;
    expect(matches(`${day92}${checkDigit(day92)}`)).toEqual([]);
    const day60 = `701060${'239'}`;
    expect(matches(`${day60}${checkDigit(day60)}`)).toEqual([]);
  });
});

describe('findIdentityNumbers: what it must not flag', () => {
  it('refuses a wrong check digit', () => {
    expect(wrongCheckDigit('121212121')).toBe(3);
    expect(matches('19121212-1213')).toEqual([]);
    expect(matches('121212-1213')).toEqual([]);
    expect(matches(`701063-239${wrongCheckDigit(SAMORDNING_NINE)}`)).toEqual([]);
  });
  it('refuses dates that do not exist', () => {
    const feb30 = '850230123';
    expect(matches(`${feb30}${checkDigit(feb30)}`)).toEqual([]); // 30 February
    const month13 = '851312123';
    expect(matches(`${month13}${checkDigit(month13)}`)).toEqual([]); // month 13
    const month00 = '850012123';
    expect(matches(`${month00}${checkDigit(month00)}`)).toEqual([]);
    const day00 = '850100123';
    expect(matches(`${day00}${checkDigit(day00)}`)).toEqual([]);
    const apr31 = '850431123';
    expect(matches(`${apr31}${checkDigit(apr31)}`)).toEqual([]);
  });
  it('handles leap years', () => {
    const leap = '000229123';
    const leapNumber = `${leap}${checkDigit(leap)}`;
    expect(matches(`20${leapNumber}`)).toEqual([`20${leapNumber}`]); // 2000-02-29 exists
    expect(matches(`19${leapNumber}`)).toEqual([]); // 1900-02-29 does not
    expect(matches(leapNumber)).toEqual([leapNumber]); // could be 2000
    const notLeap = '010229123';
    expect(matches(`${notLeap}${checkDigit(notLeap)}`)).toEqual([]); // no 29 February in 1901/2001
    const samLeap = '000289123'; // samordningsnummer for 29 February 2000
    expect(findIdentityNumbers(`20${samLeap}${checkDigit(samLeap)}`)[0]?.kind).toBe('samordningsnummer');
  });
  it('refuses an implausible century in the 12-digit form', () => {
    expect(matches('171212121212')).toEqual([]);
    expect(matches('21121212-1212')).toEqual([]);
  });
  it('ignores near misses and digits inside longer numbers', () => {
    expect(matches('12121212121')).toEqual([]); // 11 digits
    expect(matches('1912121212120')).toEqual([]); // 13 digits
    expect(matches('0191212121212')).toEqual([]); // 13 digits
    expect(matches('ärende 9991212121212999')).toEqual([]);
    expect(matches('121212-12120')).toEqual([]);
    expect(matches('5121212-1212')).toEqual([]);
    expect(matches('Order 2024-1234 skickad')).toEqual([]);
    expect(matches('121212 - 1213')).toEqual([]); // wrong check digit with spaces too
    expect(matches('121212   -   1212')).toEqual([]); // more than two spaces: not one number
    expect(matches('121212  1212')).toEqual([]); // two spaces and no separator
    expect(matches('121212 -\n1212')).toEqual([]);
    expect(matches('Beställning 2024-12-12, 12 st')).toEqual([]);
  });
  it('ignores phone numbers', () => {
    for (const phone of [
      '+46 70 123 45 67',
      '+46701234567',
      '0046701234567',
      '070-123 45 67',
      '08-123 456 78',
      '0701234567',
      '070-1234567',
      '+46 (0)8 123 456 78',
      '070 - 123 45 67',
      '08 - 123 456 78',
      '0701 - 234567',
    ]) {
      expect(matches(`Ring ${phone} i morgon`), phone).toEqual([]);
    }
  });
  it('ignores dates, date ranges and times written with spaced dashes', () => {
    for (const text of ['2024-12-12 - 2025-01-01', '20241212 - 20250101', 'kl. 0900 - 1200', '12.00 - 13.00', '2024-05-12 - 1300', 'vecka 45 - 1212', '1212 - 1212']) {
      expect(matches(text), text).toEqual([]);
    }
  });
  it('lets a +46 or 0046 prefix exclude what would otherwise be valid', () => {
    expect(matches('tel +46 121212-1212')).toEqual([]);
    expect(matches('tel +46 121212 - 1212')).toEqual([]);
    expect(matches('tel 0046 1212121212')).toEqual([]);
    expect(matches('tel +46-1212121212')).toEqual([]);
    // A 10-digit run directly after "+" that starts with 46 is the country code.
    const nine = '461212121';
    expect(matches(`${nine}${checkDigit(nine)}`)).toHaveLength(1);
    expect(matches(`+${nine}${checkDigit(nine)}`)).toEqual([]);
  });
});

describe('findIdentityNumbers in running text', () => {
  it('finds a number embedded in a sentence and reports its position', () => {
    const text = 'Patienten (19121212-1212) kom till mottagningen.';
    expect(findIdentityNumbers(text)).toEqual([{ match: '19121212-1212', index: 11, kind: 'personnummer' }]);
    expect(containsIdentityNumber(text)).toBe(true);
    expect(containsIdentityNumber('Mötet flyttas till 12 december.')).toBe(false);
  });
  it('finds several numbers in order', () => {
    const text = `Gäller pnr:1212121212 och ${SAMORDNING}, men inte 070-123 45 67 eller 121212-1213.`;
    expect(findIdentityNumbers(text)).toEqual([
      { match: '1212121212', index: 11, kind: 'personnummer' },
      { match: SAMORDNING, index: text.indexOf(SAMORDNING), kind: 'samordningsnummer' },
    ]);
  });
  it('finds a valid number right after a rejected candidate', () => {
    expect(matches('131313 121212-1212')).toEqual(['121212-1212']);
  });
});

describe('freeText schema', () => {
  it('trims and accepts ordinary text', () => {
    expect(freeText().parse('  Protokoll från mötet 2024-05-12, punkt 4.  ')).toBe('Protokoll från mötet 2024-05-12, punkt 4.');
  });
  it('refuses a personnummer with a Swedish message showing the matched text', () => {
    const result = freeText().safeParse('Gäller 19121212-1212 som ringde.');
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.code).toBe('custom');
    expect(issue?.message).toBe('Texten innehåller något som ser ut som ett personnummer (”19121212-1212”). Samverka får inte innehålla patientuppgifter – ta bort numret.');
  });
  it('refuses a samordningsnummer with its own message', () => {
    const result = freeText().safeParse(`Se ${SAMORDNING}`);
    expect(result.error?.issues[0]?.message).toBe(`Texten innehåller något som ser ut som ett samordningsnummer (”${SAMORDNING}”). Samverka får inte innehålla patientuppgifter – ta bort numret.`);
  });
  it('lists every number when there are several', () => {
    const result = freeText().safeParse(`121212-1212 och ${SAMORDNING}`);
    expect(result.error?.issues).toHaveLength(1);
    const message = result.error?.issues[0]?.message ?? '';
    expect(message).toContain('”121212-1212”');
    expect(message).toContain(`”${SAMORDNING}”`);
    expect(message).toContain('ta bort numren');
    expect(identityNumberMessage([])).toBe('');
  });
  it("tells the refusal in the reader's language, by key, in a field error", () => {
    const schema = z.object({ note: freeText() });
    const result = schema.safeParse({ note: `121212-1212 och ${SAMORDNING}` });
    const [english] = issuesToFieldErrors(result.error?.issues ?? [], translator('en'));
    expect(english?.key).toBe('validation.identityNumbers.mixed');
    expect(english?.message).toBe(
      `The text contains several numbers that look like Swedish personal identity numbers or coordination numbers (”121212-1212”, ”${SAMORDNING}”). Samverka must not hold patient data – remove the numbers.`,
    );
    const [untold] = issuesToFieldErrors(result.error?.issues ?? []);
    expect(untold?.message).toContain('ta bort numren');
    expect(fieldErrorsIn(untold ? [untold] : [], translator('en'))[0]?.message).toBe(english?.message);
  });
  it('keeps refusing numbers in the field path of an object', () => {
    const schema = z.object({ note: freeText() });
    const result = schema.safeParse({ note: '1212121212' });
    expect(result.error?.issues[0]?.path).toEqual(['note']);
  });
  it('applies min and max after trimming, with zod’s own length issues', () => {
    const schema = freeText({ min: 2, max: 5 });
    expect(schema.safeParse('  a  ').error?.issues[0]?.code).toBe('too_small');
    expect(schema.safeParse('abcdef').error?.issues[0]?.code).toBe('too_big');
    expect(schema.parse('  abc ')).toBe('abc');
  });
  it('stays branded when refined further', () => {
    expect(isFreeTextSchema(freeText())).toBe(true);
    expect(isFreeTextSchema(freeText().max(20))).toBe(true);
    expect(isFreeTextSchema(freeText().describe('Anteckning'))).toBe(true);
    expect(isFreeTextSchema(z.string())).toBe(false);
    expect(isFreeTextSchema(z.string().trim().max(10))).toBe(false);
  });
});

describe('optionalFreeText schema', () => {
  const schema = optionalFreeText({ min: 2 });
  it('turns undefined, empty and blank text into undefined', () => {
    expect(schema.parse(undefined)).toBeUndefined();
    expect(schema.parse('')).toBeUndefined();
    expect(schema.parse('   ')).toBeUndefined();
  });
  it('checks non-empty text like freeText', () => {
    expect(schema.parse(' hej ')).toBe('hej');
    expect(schema.safeParse('a').success).toBe(false);
    expect(schema.safeParse('Pnr 121212-1212').error?.issues[0]?.message).toContain('”121212-1212”');
  });
  it('makes an object key optional', () => {
    const form = z.object({ title: freeText({ min: 1 }), note: optionalFreeText() });
    expect(form.parse({ title: 'Möte' })).toEqual({ title: 'Möte' });
    expect(isFreeTextSchema(optionalFreeText())).toBe(true);
  });
});

describe('collectFreeTextPaths', () => {
  it('finds every free-text field in a nested schema', () => {
    const schema = z.object({
      id: z.string().uuid(),
      title: freeText({ min: 1, max: 200 }),
      summary: optionalFreeText(),
      count: z.number().int(),
      status: z.enum(['open', 'closed']),
      code: z.string().max(10),
      meeting: z
        .object({
          place: freeText().nullable(),
          agenda: z.array(z.object({ heading: freeText(), order: z.number() })),
          notes: z.array(freeText()).default([]),
        })
        .optional(),
      extra: z.record(z.string(), freeText()),
      tuple: z.tuple([z.number(), freeText()]),
      kindOf: z.union([z.object({ kind: z.literal('a'), text: freeText() }), z.object({ kind: z.literal('b'), text: freeText() })]),
      comment: freeText().transform((s) => s.toUpperCase()),
      parsed: z.string().pipe(freeText()),
    });
    expect(collectFreeTextPaths(schema)).toEqual(['title', 'summary', 'meeting.place', 'meeting.agenda.*.heading', 'meeting.notes.*', 'extra.*', 'tuple.1', 'kindOf.text', 'comment', 'parsed']);
  });
  it('handles a free-text root, a schema without free text, and recursive schemas', () => {
    expect(collectFreeTextPaths(freeText())).toEqual(['']);
    expect(collectFreeTextPaths(z.object({ a: z.string(), b: z.number() }))).toEqual([]);
    type Node = { label: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ label: freeText(), children: z.array(node) }));
    expect(collectFreeTextPaths(node)).toEqual(['label']);
  });
});
