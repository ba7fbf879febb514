/**
 * The plan form edits a draft: a partial, JSON-shaped input that becomes a
 * PlanInput only once it validates. Paths are dot-separated keys.
 */
export type Draft = Record<string, unknown>;

export function getAtPath(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Returns a copy of obj with path set to value (undefined removes the key); obj is not mutated. */
export function setAtPath<T extends Draft>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (!head) return obj;
  const copy: Draft = Array.isArray(obj) ? ([...obj] as unknown as Draft) : { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    const child = copy[head];
    copy[head] = setAtPath((child && typeof child === 'object' ? child : {}) as Draft, rest.join('.'), value);
  }
  return copy as T;
}

/** Deep merge of plain objects (arrays and scalars from `over` win). */
export function mergeDraft(base: Draft, over: Draft): Draft {
  const out: Draft = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? mergeDraft(b as Draft, v as Draft)
        : v;
  }
  return out;
}

/** The draft as evaluatePlan input: the Y-90 block counts only once a product is chosen. */
export function draftToInput(draft: Draft): Draft {
  const y90 = draft.y90 as Record<string, unknown> | undefined;
  if (y90 && !y90.product) {
    const rest = { ...draft };
    delete rest.y90;
    return rest;
  }
  return draft;
}
