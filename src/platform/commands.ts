import type { z } from 'zod';
import type { Database, Tx } from './db/client.js';
import type { Actor } from './auth/actor.js';
import { writeAudit, type AuditEntry } from './audit/audit.js';
import { AppError } from './http/errors.js';
import { catalogLabels, parseOrThrow } from './http/validation.js';
import { defaultLang, translator, type Translate } from './i18n/index.js';
import type { Config } from '../config.js';
import { extensionPoint, installed, isInstalled } from './registry.js';

/** What a command sees: its transaction, who acts, and a way to write the audit trail. */
export interface CommandContext {
  tx: Tx;
  actor: Actor;
  now: Date;
  requestId?: string | undefined;
  config: Config;
  /** The reader's language for refusals (Swedish when the command runs outside a request). */
  t?: Translate | undefined;
  /** Appends an audit row for this command (operation = the command's name unless given). */
  audit(entry: Omit<AuditEntry, 'operation'> & { operation?: string }): Promise<void>;
}

/** Builds the input of a command for the generic tests (every command must provide one). */
export interface SampleContext {
  database: Database;
  config: Config;
  /** Creates a person with admin rights and returns the actor. */
  admin(): Promise<Actor>;
  unique(prefix: string): string;
}

/** What `prepare` may use. */
export interface PrepareDeps {
  config: Config;
  database: Database;
  actor: Actor;
  t?: Translate | undefined;
  now: Date;
  /** Told how far long checking has come (a command that runs as a background job). */
  progress?: Progress | undefined;
}

/** Reports `done` of `total` steps; awaited, so the report is stored before work goes on. */
export type Progress = (done: number, total: number) => Promise<void>;

export interface CommandDef<S extends z.ZodType, O> {
  /** `<module>.<verb>`: also the audit operation and the API operation id. */
  name: string;
  input: S;
  /** Labels of input fields for error messages, by language-independent key. */
  labels?: (t: Translate) => Record<string, string>;
  /**
   * Work that must not run inside a transaction (hashing, network): runs before it,
   * its result is passed to `run`.
   */
  prepare?: (input: z.output<S>, deps: PrepareDeps) => Promise<unknown>;
  run(ctx: CommandContext, input: z.output<S>, prepared: unknown): Promise<O>;
  /** For the generic audit and identity-number tests. */
  sample(ctx: SampleContext): Promise<{ actor: Actor; input: z.input<S> }>;
}

/** Every command of the modules (a manifest's `commands`). */
export const COMMANDS = extensionPoint<CommandDef<z.ZodType, unknown>>('platform.commands');

/** Defines a command (no side effect: the module's manifest lists it). */
export function defineCommand<S extends z.ZodType, O>(def: CommandDef<S, O>): CommandDef<S, O> {
  return def;
}

/** The commands of the installed modules. */
export function registeredCommands(): readonly CommandDef<z.ZodType, unknown>[] {
  return installed().all(COMMANDS);
}

interface ExecuteOptions {
  requestId?: string | undefined;
  t?: Translate;
  now?: Date;
  progress?: Progress;
}

/**
 * Runs a command: validate → prepare (outside any transaction) → one transaction in which
 * the command loads, authorizes, changes and audits. A refusal rolls everything back.
 */
export async function execute<S extends z.ZodType, O>(deps: { database: Database; config: Config }, actor: Actor, def: CommandDef<S, O>, rawInput: unknown, options: ExecuteOptions = {}): Promise<O> {
  const input = parseOrThrow(def.input, rawInput, options.t, () => labelsOf(def, options.t));
  const now = options.now ?? new Date();
  const prepared = def.prepare ? await def.prepare(input, { ...deps, actor, t: options.t, now, progress: options.progress }) : undefined;
  return deps.database.db.transaction(async (tx) => {
    let audited = 0;
    const ctx: CommandContext = {
      tx,
      actor,
      now,
      requestId: options.requestId,
      config: deps.config,
      t: options.t,
      async audit(entry) {
        audited++;
        // A command told when it runs (the demo's dated stories) is audited at that time.
        await writeAudit(tx, actor, { operation: def.name, ...entry }, options.requestId, options.now);
      },
    };
    const result = await def.run(ctx, input, prepared);
    if (audited === 0) throw new AppError(500, 'unaudited', `Command ${def.name} changed nothing it audited`);
    return result;
  });
}

/**
 * The labels a command's input errors name its fields by: the module's label catalog
 * (`<module>.field.<name>`), then the command's own `labels` over them.
 */
function labelsOf<S extends z.ZodType, O>(def: CommandDef<S, O>, t: Translate = translator(defaultLang)): Record<string, string> {
  return { ...catalogLabels(def.name.split('.')[0] ?? '', t), ...def.labels?.(t) };
}

/**
 * The labels for the input of an operation by its name (an API operation is named after the
 * command it runs): the command's labels when there is one, else the module's label catalog.
 */
export function operationLabels(name: string, t: Translate): Record<string, string> {
  const def = isInstalled() ? registeredCommands().find((d) => d.name === name) : undefined;
  return def ? labelsOf(def, t) : catalogLabels(name.split('.')[0] ?? '', t);
}

/** The commands among a module's exports (e.g. `commandsIn(await import('./commands/index.js'))` for a barrel). */
export function commandsIn(exports: Record<string, unknown>): CommandDef<z.ZodType, unknown>[] {
  return Object.values(exports).filter(
    (v): v is CommandDef<z.ZodType, unknown> =>
      typeof v === 'object' && v !== null && typeof (v as CommandDef<z.ZodType, unknown>).run === 'function' && typeof (v as CommandDef<z.ZodType, unknown>).name === 'string' && 'input' in v,
  );
}
