/*
 * The registry: what the modules contribute (commands, policies, jobs, notification kinds,
 * sources, hooks, routes …), each under a typed extension point. The composition root
 * (src/modules.ts, through composeModules in platform/modules.ts) builds one registry from
 * the modules' manifests and installs it once, before the app, the worker or the demo
 * seeding start; the code that reads an extension point asks the installed registry.
 *
 * Nothing can register at import: until the root has installed the registry there is none
 * to add to, and `installed()` says so.
 */

/** A typed place where modules contribute; declared by the code that reads it. */
export interface ExtensionPoint<T> {
  readonly id: string;
  /** Only for the type checker: what the point holds. */
  readonly _type?: T;
}

/** Declares an extension point (module-level constant, no side effect). */
export function extensionPoint<T>(id: string): ExtensionPoint<T> {
  return Object.freeze({ id });
}

/** One value contributed to a point (a manifest's `contributions`). */
export interface Contribution<T = unknown> {
  readonly point: ExtensionPoint<T>;
  readonly value: T;
}

/** Contributions of several values to one point. */
export function contribute<T>(point: ExtensionPoint<T>, ...values: T[]): Contribution<T>[] {
  return values.map((value) => ({ point, value }));
}

export class Registry {
  private readonly values = new Map<string, unknown[]>();
  private readonly indexes = new Map<string, Map<string, unknown>>();

  /** Every value contributed to a point, in manifest order. */
  all<T>(point: ExtensionPoint<T>): readonly T[] {
    return (this.values.get(point.id) ?? []) as T[];
  }

  /** The value of a point with the given key (e.g. the handler of a job kind), through an index built once. */
  find<T>(point: ExtensionPoint<T>, keyOf: (value: T) => string, key: string): T | undefined {
    let index = this.indexes.get(point.id);
    if (!index) {
      index = new Map(this.all(point).map((v) => [keyOf(v), v]));
      this.indexes.set(point.id, index);
    }
    return index.get(key) as T | undefined;
  }

  /** Adds a value; returns a function that takes it out again (tests add their own sources and jobs this way). */
  add<T>(point: ExtensionPoint<T>, value: T): () => void {
    const list = this.values.get(point.id) ?? [];
    list.push(value);
    this.values.set(point.id, list);
    this.indexes.delete(point.id);
    return () => {
      const i = list.indexOf(value);
      if (i >= 0) list.splice(i, 1);
      this.indexes.delete(point.id);
    };
  }
}

let current: Registry | undefined;

/** Installs the registry the process runs with (the composition root does this once). */
export function install(registry: Registry): Registry {
  if (current && current !== registry) throw new Error('Another registry is installed already: the composition root runs once per process');
  current = registry;
  return registry;
}

/** The installed registry; throws before the composition root has run. */
export function installed(): Registry {
  if (!current) throw new Error('No module registry is installed: build the app, worker or script through the composition root (src/modules.ts)');
  return current;
}

/** Whether the root has run (for code that may also run in a bare unit test). */
export function isInstalled(): boolean {
  return current !== undefined;
}

/** Adds a value to the installed registry (tests, for their own jobs, kinds and sources); returns its remover. */
export function addTo<T>(point: ExtensionPoint<T>, value: T): () => void {
  return installed().add(point, value);
}
