/**
 * Every registered command refuses in the reader's language: run in English, its refusals
 * (empty input, the sample's input from a person without any role, the sample run twice, an
 * identity number in a free-text field) hold no text of the Swedish catalog and no Swedish
 * letters.
 */
import { describe, expect, it } from 'vitest';
import '../src/app.js';
import { execute, registeredCommands, type SampleContext } from '../src/platform/commands.js';
import { AppError, fieldErrorsIn, messageIn } from '../src/platform/http/errors.js';
import { messages, translator } from '../src/platform/i18n/index.js';
import { collectFreeTextPaths } from '../src/platform/pin.js';
import { samplePerson } from '../src/platform/auth/commands/samples.js';
import { useTestDatabase } from './helpers/db.js';
import { testConfig } from './helpers/app.js';
import { setPath } from './helpers/paths.js';

const db = useTestDatabase();
const config = testConfig();
const en = translator('en');
let counter = 0;
const sampleContext = (): SampleContext => ({
  database: db.current,
  config,
  unique: (prefix) => `${prefix}-${Date.now().toString(36)}-${++counter}`,
  admin: async () => (await samplePerson(sampleContext(), { admin: true })).actor,
});

/**
 * Pieces of Swedish text: the Swedish catalog's texts that differ from their English ones,
 * cut at their {parameters}, the pieces longer than 12 characters.
 */
function swedishPieces(): string[] {
  const { sv, en: english } = messages();
  const pieces = new Set<string>();
  for (const [key, text] of Object.entries(sv)) {
    if (english[key] === text) continue;
    for (const piece of text.split(/\{\w+\}/)) {
      const trimmed = piece.trim();
      if (trimmed.length > 12) pieces.add(trimmed);
    }
  }
  return [...pieces];
}

const SWEDISH_LETTERS = /[åäöÅÄÖ]/;

/** What an English reader is told of a refusal: its message and its field errors. */
function englishTexts(err: AppError): string[] {
  return [messageIn(err, en), ...fieldErrorsIn(err.fieldErrors, en).map((e) => `${e.field}: ${e.message}`)];
}

describe('refusals of every registered command, told in English', () => {
  const pieces = swedishPieces();
  /** A person without any role (one for the file: a password is slow to hash). */
  let strangerOnce: ReturnType<typeof samplePerson> | undefined;
  const stranger = () => (strangerOnce ??= samplePerson(sampleContext()));

  it('has Swedish texts to look for', () => {
    expect(pieces.length).toBeGreaterThan(100);
  });

  for (const command of registeredCommands()) {
    it(`${command.name} refuses in English`, async () => {
      const swedish: string[] = [];
      const check = (how: string, err: unknown) => {
        if (!(err instanceof AppError)) {
          swedish.push(`${how}: not a refusal but ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
          return;
        }
        for (const text of englishTexts(err)) {
          const piece = pieces.find((p) => text.includes(p));
          if (piece || SWEDISH_LETTERS.test(text)) swedish.push(`${how} (${err.status}): ${text}`);
        }
      };
      const run = (actor: Parameters<typeof execute>[1], input: unknown) =>
        execute({ database: db.current, config }, actor, command, input, { t: en }).then(
          () => undefined,
          (e: unknown) => e ?? new Error('rejected without a reason'),
        );

      const sample = await command.sample(sampleContext());

      // Empty input.
      const empty = await run(sample.actor, {});
      if (empty !== undefined) check('empty input', empty);

      // The sample's input from a person without any role.
      const refused = await run((await stranger()).actor, structuredClone(sample.input));
      if (refused !== undefined) check('a person without roles', refused);

      // The sample's input run twice by its own actor: the second run often meets what the first did (a name taken, a state changed).
      const first = await run(sample.actor, structuredClone(sample.input));
      if (first !== undefined) check('the sample itself', first);
      else {
        const second = await run(sample.actor, structuredClone(sample.input));
        if (second !== undefined) check('the sample run again', second);
      }

      // An identity number in the first free-text field (refused by the input's schema, before anything is read).
      const path = collectFreeTextPaths(command.input)[0];
      if (path !== undefined) {
        const tampered = structuredClone(sample.input) as Record<string, unknown>;
        if (setPath(tampered, path, 'Gäller patient 19121212-1212')) {
          const pin = await run(sample.actor, tampered);
          check(`an identity number in "${path}"`, pin ?? new Error('accepted'));
        }
      }

      expect(swedish, `${command.name} told an English reader`).toEqual([]);
    });
  }
});
