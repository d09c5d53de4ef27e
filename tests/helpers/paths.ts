/** Puts a value at a dotted path of a command's input (`*` = the first element of a list); false when there is no such place. */
export function setPath(target: Record<string, unknown>, path: string, value: string): boolean {
  const parts = path.split('.');
  let node: unknown = target;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (part === '*') {
      if (!Array.isArray(node) || node.length === 0) return false;
      if (last) {
        node[0] = value;
        return true;
      }
      node = node[0];
      continue;
    }
    if (typeof node !== 'object' || node === null) return false;
    if (last) {
      (node as Record<string, unknown>)[part] = value;
      return true;
    }
    (node as Record<string, unknown>)[part] ??= {};
    node = (node as Record<string, unknown>)[part];
  }
  return false;
}
