/** Declares a module's catalog; English must have exactly the Swedish keys. */
export function defineMessages<const S extends Record<string, string>>(sv: S, en: { [K in keyof S]: string }) {
  return { sv, en };
}
