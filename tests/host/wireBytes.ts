// The preview host's exposeBinding carries JSON only: bytes in a request, a response or an event
// cross it as { __lpBytes: base64 } and are turned back into Uint8Array on the other side, so
// the renderer and the services see the same binary values as over Electron's structured clone.
const TAG = '__lpBytes';

type Codec = (value: unknown) => unknown;

function walk(value: unknown, leaf: (v: object) => unknown | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const replaced = leaf(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((v) => walk(v, leaf));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = walk(v, leaf);
  return out;
}

/** Uint8Array anywhere in value -> tagged base64. */
export function packBytes(toBase64: (bytes: Uint8Array) => string): Codec {
  return (value) => walk(value, (v) => (v instanceof Uint8Array ? { [TAG]: toBase64(v) } : undefined));
}

/** Tagged base64 anywhere in value -> Uint8Array. */
export function unpackBytes(fromBase64: (text: string) => Uint8Array): Codec {
  return (value) =>
    walk(value, (v) => {
      const tagged = v as Record<string, unknown>;
      return typeof tagged[TAG] === 'string' && Object.keys(tagged).length === 1 ? fromBase64(tagged[TAG]) : undefined;
    });
}
