/**
 * Seeded randomness for the sample generator. Everything here is a pure
 * function of its seed so two runs write byte-identical studies.
 */

/** 32-bit FNV-1a hash of a string; the seed for a named stream. */
export function hashString32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let n = 0; n < text.length; n++) {
    h ^= text.charCodeAt(n);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A seeded uniform [0, 1) generator (mulberry32: tiny, fast, good enough for noise). */
export interface Rng {
  next(): number;
  /** Standard normal deviate (Box-Muller, second value cached). */
  gaussian(): number;
  range(min: number, max: number): number;
}

export function createRng(seed: number | string): Rng {
  let state = (typeof seed === 'string' ? hashString32(seed) : seed) >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    gaussian() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = next();
      while (u <= 1e-12) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    range(min, max) {
      return min + (max - min) * next();
    },
  };
}

/**
 * Deterministic DICOM UID under the 2.25 root (ITU-T X.667: a 128-bit integer
 * in decimal). The integer comes from four differently-seeded FNV-1a passes
 * over `key`, so the same case name + role always gives the same UID.
 */
export function uidFromKey(key: string): string {
  let value = 0n;
  for (let n = 0; n < 4; n++) {
    const h = hashString32(`${n}:${key}`, (0x811c9dc5 + n * 0x9e3779b9) >>> 0);
    value = (value << 32n) | BigInt(h);
  }
  // Top bit set keeps every UID the same length-ish and never "2.25.0".
  value |= 1n << 127n;
  return `2.25.${value.toString()}`;
}
