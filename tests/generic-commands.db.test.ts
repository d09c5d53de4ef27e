/**
 * Guarantees over every registered command (and so over every later module's commands):
 * the registry holds exactly the commands defined on disk, each leaves an audit row, and
 * each free-text field of its input refuses a personal identity number. A module that adds
 * a command gets these tests for free.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import '../src/app.js';
import { commandsIn, execute, registeredCommands, type CommandDef, type SampleContext } from '../src/platform/commands.js';
import { apiOperations } from '../src/platform/http/api.js';
import { auditLog } from '../src/platform/audit/schema.js';
import { collectFreeTextPaths, isFreeTextSchema } from '../src/platform/pin.js';
import { ValidationError } from '../src/platform/http/errors.js';
import { useTestDatabase } from './helpers/db.js';
import { testConfig } from './helpers/app.js';
import { setPath } from './helpers/paths.js';
import { samplePerson } from '../src/platform/auth/commands/samples.js';

const db = useTestDatabase();
const config = testConfig();
let counter = 0;
const sampleContext = (): SampleContext => ({
  database: db.current,
  config,
  unique: (prefix) => `${prefix}-${Date.now().toString(36)}-${++counter}`,
  admin: async () => (await samplePerson(sampleContext(), { admin: true })).actor,
});

/** A personnummer that passes every check (Skatteverket's test number). */
const PIN = '19121212-1212';

/** String fields that are not free text, and why. */
const NOT_FREE_TEXT: Record<string, string> = {
  email: 'an e-mail address, validated as one',
  password: 'a secret, never stored or shown',
  currentPassword: 'a secret',
  newPassword: 'a secret',
  token: 'a random token',
  sessionId: 'a session hash',
  subject: 'the opaque identifier an OpenID Connect provider gives a person',
  keepSessionId: 'a session hash',
  ip: 'set by the server',
  userAgent: 'set by the server',
  kind: "a principal kind's key (structure's principal_kinds), checked against the table",
  chairFirstKind: "a principal kind's key, checked against the table",
  principalKind: "a principal kind's key, checked against the table",
  key: "a principal kind's key, made from its name",
};

/** Paths of plain strings (no format, not free text) in a schema. */
function plainStringPaths(schema: z.core.$ZodType, path = ''): string[] {
  if (isFreeTextSchema(schema)) return [];
  const def = (schema as z.core.$ZodTypes)._zod.def as { type: string; [k: string]: unknown };
  const join = (seg: string) => (path ? `${path}.${seg}` : seg);
  switch (def.type) {
    case 'string':
      return def.format ? [] : [path];
    case 'object':
      return Object.entries(def.shape as Record<string, z.core.$ZodType>).flatMap(([k, v]) => plainStringPaths(v, join(k)));
    case 'array':
      return plainStringPaths(def.element as z.core.$ZodType, join('*'));
    case 'pipe':
      return [...plainStringPaths(def.in as z.core.$ZodType, path), ...plainStringPaths(def.out as z.core.$ZodType, path)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return plainStringPaths(def.innerType as z.core.$ZodType, path);
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap((o) => plainStringPaths(o, path));
    default:
      return [];
  }
}

const root = resolve(import.meta.dirname, '..');

/** Every source file under a folder (tests left out), as paths relative to the repository. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f).split('\\').join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .sort();
}

/** Where commands live: `src/modules/<m>/commands/<verb>.ts` and `src/platform/…/commands/<verb>.ts`. */
const COMMAND_FILE = /^src\/(modules\/[^/]+|platform(\/[^/]+)*)\/commands\/[^/]+\.ts$/;

/** How many commands a file defines (`defineCommand(` calls; the platform's own definition left out). */
function definitionsIn(file: string): number {
  if (file === 'src/platform/commands.ts') return 0;
  return readFileSync(join(root, file), 'utf8').match(/\bdefineCommand\s*(<[^(]*>)?\(/g)?.length ?? 0;
}

const files = sourceFiles('src');
const definingFiles = files.filter((f) => definitionsIn(f) > 0);
const commandFiles = [...new Set([...files.filter((f) => COMMAND_FILE.test(f)), ...definingFiles])].sort();

/** The commands each command file exports (its own and any it passes on). */
async function commandsOnDisk(): Promise<Map<string, CommandDef<z.ZodType, unknown>[]>> {
  const byFile = new Map<string, CommandDef<z.ZodType, unknown>[]>();
  for (const file of commandFiles) byFile.set(file, commandsIn((await import(join(root, file))) as Record<string, unknown>));
  return byFile;
}

describe('the command registry', () => {
  it('holds exactly the commands defined in the command files on disk', async () => {
    const onDisk = await commandsOnDisk();
    const diskNames = new Set([...onDisk.values()].flat().map((c) => c.name));
    const registered = new Set(registeredCommands().map((c) => c.name));
    expect(definingFiles.length, 'no file defines a command: the scan is broken').toBeGreaterThan(0);
    expect([...diskNames].filter((n) => !registered.has(n)).sort(), 'defined on disk but not registered (list them in the module manifest)').toEqual([]);
    expect([...registered].filter((n) => !diskNames.has(n)).sort(), 'registered but defined in no command file (src/modules/<m>/commands/<verb>.ts)').toEqual([]);
  });

  it('registers the very objects the files define (one definition per name)', async () => {
    const onDisk = await commandsOnDisk();
    const byName = new Map(registeredCommands().map((c) => [c.name, c]));
    const different = [...onDisk.values()]
      .flat()
      .filter((c) => byName.get(c.name) !== c)
      .map((c) => c.name);
    expect([...new Set(different)].sort()).toEqual([]);
  });

  it('has every command exported by the file that defines it', async () => {
    const onDisk = await commandsOnDisk();
    const hidden = definingFiles.filter((f) => (onDisk.get(f)?.length ?? 0) < definitionsIn(f)).map((f) => `${f}: ${definitionsIn(f)} defined, ${onDisk.get(f)?.length ?? 0} exported`);
    expect(hidden).toEqual([]);
  });

  it('has every command in a commands/ folder', () => {
    expect(definingFiles.filter((f) => !COMMAND_FILE.test(f))).toEqual([]);
  });

  it("names each module's commands after the module", async () => {
    const onDisk = await commandsOnDisk();
    const misnamed: string[] = [];
    for (const [file, defs] of onDisk) {
      const module = /^src\/modules\/([^/]+)\//.exec(file)?.[1];
      if (!module) continue;
      for (const c of defs) if (!c.name.startsWith(`${module}.`)) misnamed.push(`${file}: ${c.name}`);
    }
    expect([...new Set(misnamed)].sort()).toEqual([]);
  });
});

describe('every registered command', () => {
  const commands = registeredCommands();

  it('is registered (the registry is not empty)', () => {
    expect(commands.length).toBeGreaterThan(5);
  });

  for (const command of commands) {
    it(`${command.name} writes an audit row in its transaction`, async () => {
      const { actor, input } = await command.sample(sampleContext());
      await execute({ database: db.current, config }, actor, command, input);
      const rows = await db.current.db.select().from(auditLog).where(eq(auditLog.operation, command.name));
      expect(rows.length, `${command.name} left no audit row`).toBeGreaterThan(0);
    });

    const paths = collectFreeTextPaths(command.input);
    for (const path of paths) {
      it(`${command.name}: free-text field "${path}" refuses a personal identity number`, async () => {
        const { actor, input } = await command.sample(sampleContext());
        const tampered = structuredClone(input) as Record<string, unknown>;
        expect(
          setPath(tampered, path, `Gäller patient ${PIN} på avdelning 4`),
          `${command.name}: its sample has no value at "${path}" (give the sample a non-empty list there, so that the field is checked)`,
        ).toBe(true);
        const before = await db.current.db.select().from(auditLog);
        const error = await execute({ database: db.current, config }, actor, command, tampered).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        const messages = (error as ValidationError).fieldErrors.map((f) => `${f.field}: ${f.message}`).join('\n');
        expect(messages).toContain(PIN);
        const after = await db.current.db.select().from(auditLog);
        expect(after.length, 'a refused command must leave nothing behind').toBe(before.length);
      });
    }

    it(`${command.name}: every plain string field is free text or has a stated reason`, () => {
      const unexplained = plainStringPaths(command.input).filter((p) => !(p.split('.').at(-1)! in NOT_FREE_TEXT));
      expect(unexplained, `mark these with freeText() or explain them`).toEqual([]);
    });
  }
});

describe('every API request body', () => {
  it('uses free text for every plain string field (or a stated reason)', () => {
    for (const op of apiOperations()) {
      if (!op.body) continue;
      const unexplained = plainStringPaths(op.body).filter((p) => !(p.split('.').at(-1)! in NOT_FREE_TEXT));
      expect(unexplained, op.operationId).toEqual([]);
    }
  });
});
