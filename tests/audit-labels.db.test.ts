/**
 * The change history speaks the reader's language: every registered command, every field
 * of its input and every field it writes to the audit trail has a label in Swedish and in
 * English, and every kind of object it writes has a name. A module that adds a command or
 * a column without its words fails here (add them to the module's audit-labels.ts).
 *
 * The fields come from two places: the command's input (its zod object's keys, what the
 * person fills in) and the audit rows the command's sample writes (the stored row's
 * columns, what the history shows as changed). Ids, versions and bookkeeping columns
 * (TECHNICAL_FIELDS) are never shown and need none.
 */
import { describe, expect, it } from 'vitest';
import { gt, max } from 'drizzle-orm';
import type { z } from 'zod';
import '../src/app.js';
import { execute, registeredCommands, type SampleContext } from '../src/platform/commands.js';
import { auditLog } from '../src/platform/audit/schema.js';
import { changedFields } from '../src/platform/audit/history.js';
import { fieldLabelOf, objectLabelOf, operationLabelOf, TECHNICAL_FIELDS } from '../src/platform/audit/labels.js';
import { languages } from '../src/platform/i18n/index.js';
import { samplePerson } from '../src/platform/auth/commands/samples.js';
import { useTestDatabase } from './helpers/db.js';
import { testConfig } from './helpers/app.js';

const db = useTestDatabase();
const config = testConfig();
let counter = 0;
const sampleContext = (): SampleContext => ({
  database: db.current,
  config,
  unique: (prefix) => `${prefix}-${Date.now().toString(36)}-${++counter}`,
  admin: async () => (await samplePerson(sampleContext(), { admin: true })).actor,
});

/** The top-level field names of a command's input (through optional, pipes, unions and intersections). */
function inputFields(schema: z.core.$ZodType): string[] {
  const def = (schema as z.core.$ZodTypes)._zod.def as { type: string; [k: string]: unknown };
  switch (def.type) {
    case 'object':
      return Object.keys(def.shape as object);
    case 'pipe':
      return inputFields(def.in as z.core.$ZodType);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return inputFields(def.innerType as z.core.$ZodType);
    case 'union':
      return [...new Set((def.options as z.core.$ZodType[]).flatMap(inputFields))];
    case 'intersection':
      return [...new Set([...inputFields(def.left as z.core.$ZodType), ...inputFields(def.right as z.core.$ZodType)])];
    default:
      return [];
  }
}

/** The fields (of an operation) that lack a label in one of the languages, as `lang operation field`. */
function unlabelled(operation: string, fields: Iterable<string>): string[] {
  const missing: string[] = [];
  for (const field of fields) {
    if (TECHNICAL_FIELDS.has(field)) continue;
    for (const lang of languages) if (!fieldLabelOf(lang, operation, field)) missing.push(`${lang} ${operation} ${field}`);
  }
  return missing;
}

describe('audit labels', () => {
  const commands = registeredCommands();

  it('checks the registry (it is not empty)', () => {
    expect(commands.length).toBeGreaterThan(5);
  });

  it('has a label in Swedish and English for every registered command', () => {
    const missing = commands.flatMap((c) => languages.filter((lang) => !operationLabelOf(lang, c.name)).map((lang) => `${lang} ${c.name}`));
    expect(missing).toEqual([]);
  });

  it("has a label in Swedish and English for every field of every command's input", () => {
    const missing = commands.flatMap((c) => unlabelled(c.name, inputFields(c.input)));
    expect(missing).toEqual([]);
  });

  for (const command of commands) {
    it(`${command.name}: every field and kind of object it writes to the trail has a label in both languages`, async () => {
      const { actor, input } = await command.sample(sampleContext());
      const [last] = await db.current.db.select({ id: max(auditLog.id) }).from(auditLog);
      const before = last?.id ?? 0;
      await execute({ database: db.current, config }, actor, command, input);
      const rows = await db.current.db.select().from(auditLog).where(gt(auditLog.id, before));
      expect(rows.length).toBeGreaterThan(0);
      const missing = rows.flatMap((r) => [
        ...unlabelled(
          r.operation,
          changedFields(r.before, r.after).map((ch) => ch.field),
        ),
        ...languages.filter((lang) => !objectLabelOf(lang, r.objectType)).map((lang) => `${lang} object ${r.objectType}`),
        ...languages.filter((lang) => !operationLabelOf(lang, r.operation)).map((lang) => `${lang} operation ${r.operation}`),
      ]);
      expect([...new Set(missing)]).toEqual([]);
    });
  }
});
