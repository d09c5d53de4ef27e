import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translator } from '../i18n/index.js';
import { freeText } from '../pin.js';
import { ValidationError, messageIn } from './errors.js';
import { issuesToFieldErrors, parseOrThrow } from './validation.js';

const sv = translator('sv');
const en = translator('en');

const schema = z.object({
  name: freeText({ min: 1, max: 200 }),
  activeFrom: z.iso.date(),
  email: z.email().optional(),
  size: z.coerce.number().int().min(1).max(50).optional(),
  kind: z.enum(['network', 'working_group']),
  principalIds: z.array(z.uuid()).min(1),
  startTime: z.iso.time().optional(),
  mystery: z.string().regex(/^x$/).optional(),
});
const labels = (t: typeof sv) => ({ name: t('structure.name'), activeFrom: t('structure.body.activeFrom'), kind: t('structure.body.kind'), principalIds: t('structure.principals') });

function errors(input: unknown, t = sv) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return Object.fromEntries(issuesToFieldErrors(result.error.issues, t, labels(t), input).map((e) => [e.field, e.message]));
}

describe('validation messages name the field by its label, in the reader’s language', () => {
  it('says what to do for each kind of problem, in Swedish', () => {
    const e = errors({ name: '', activeFrom: '2024-13-01', email: 'inte-en-adress', size: '0', kind: 'x', principalIds: [], startTime: '25:00', mystery: 'y' });
    expect(e).toEqual({
      name: 'Ange namn.',
      activeFrom: 'Gäller från har fel format, skriv ÅÅÅÅ-MM-DD.',
      email: 'E-postadress är inte en giltig e-postadress, skriv till exempel namn@kommun.se.',
      size: 'Fältet ”size” måste vara minst 1.',
      kind: 'Välj ett av alternativen för typ av grupp.',
      principalIds: 'Välj huvudmän som deltar.',
      startTime: 'Fältet ”startTime” har fel format, skriv TT:MM.',
      mystery: 'Fältet ”mystery” har fel format.',
    });
  });
  it('says the same in English', () => {
    const e = errors({ name: 'x'.repeat(201), activeFrom: 'yesterday', size: 'many', principalIds: ['nope'] }, en);
    expect(e).toEqual({
      name: 'Name must be at most 200 characters.',
      activeFrom: 'Active from is not a valid date, write YYYY-MM-DD.',
      size: 'The field “size” must be a number.',
      kind: 'Choose kind of group.',
      'principalIds.0': 'Principals taking part is not in the right format.',
    });
    for (const m of Object.values(e)) expect(m).not.toMatch(/[åäöÅÄÖ]|Invalid input/);
  });
  it('uses plural forms for lengths', () => {
    const one = z.object({ name: z.string().max(1) }).safeParse({ name: 'ab' });
    expect(issuesToFieldErrors(one.error!.issues, en, { name: 'Name' })[0]!.message).toBe('Name must be at most 1 character.');
    const short = z.object({ name: z.string().min(3) }).safeParse({ name: 'ab' });
    expect(issuesToFieldErrors(short.error!.issues, sv, { name: 'Namn' })[0]!.message).toBe('Namn måste vara minst 3 tecken.');
  });
  it('keeps a refinement’s own explanation and a text by key', () => {
    const refined = z.object({ to: z.string().refine((v) => v === 'ok', 'Slutet måste komma efter början.') }).safeParse({ to: 'no' });
    expect(issuesToFieldErrors(refined.error!.issues, sv)[0]!.message).toBe('Slutet måste komma efter början.');
    const pnr = z.object({ note: freeText() }).safeParse({ note: 'Patient 19121212-1212' });
    expect(issuesToFieldErrors(pnr.error!.issues, en)[0]!.message).toContain('Swedish personal identity number');
    // A refinement without words of its own is told like any invalid value, not as zod's "Invalid input".
    const bare = z.object({ date: z.string().refine(() => false) }).safeParse({ date: 'x' });
    expect(issuesToFieldErrors(bare.error!.issues, sv)[0]!.message).toBe('Datum har fel format.');
  });
  it('falls back to the platform’s labels and then to the field’s name', () => {
    const r = z.object({ title: z.string().min(1), q: z.string().max(2), weird_name: z.string() }).safeParse({ title: '', q: 'abc' });
    expect(issuesToFieldErrors(r.error!.issues, sv).map((e) => e.message)).toEqual(['Ange rubrik.', 'Sökord får vara högst 2 tecken.', 'Ange fältet ”weird_name”.']);
  });
  it('tells the API’s summary in the reader’s language, with the count in the right form', () => {
    let err: ValidationError | undefined;
    try {
      parseOrThrow(schema, { name: '', activeFrom: '2024-01-01', kind: 'network', principalIds: ['8d3b3f0e-2f0e-4b8a-9c1a-1a2b3c4d5e6f'] }, sv, labels(sv));
    } catch (e) {
      err = e as ValidationError;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(messageIn(err!, sv)).toBe('En uppgift behöver rättas: Ange namn.');
    // Retold in English from its key (the label stays as it was given).
    expect(messageIn(err!, en)).toBe('One field needs correcting: Enter namn.');
    const two = new ValidationError(issuesToFieldErrors(schema.safeParse({}).error!.issues, en, labels(en), {}));
    expect(messageIn(two, en)).toMatch(/^4 fields need correcting: Enter name\. Enter active from\. Choose kind of group\. Choose principals taking part\.$/);
  });
});
