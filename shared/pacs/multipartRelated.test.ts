import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipartRelated } from './multipartRelated';

const enc = (s: string) => new TextEncoder().encode(s);
function body(boundary: string, parts: Uint8Array[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const p of parts) chunks.push(enc(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), p, enc('\r\n'));
  chunks.push(enc(`--${boundary}--\r\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe('multipart/related', () => {
  it('reads the boundary, quoted or not', () => {
    expect(boundaryOf('multipart/related; type="application/dicom"; boundary="abc 1"')).toBe('abc 1');
    expect(boundaryOf('Multipart/Related;boundary=xyz;type=application/dicom')).toBe('xyz');
    expect(() => boundaryOf('application/json')).toThrow(
      /expected a multipart\/related answer, got 'application\/json'/,
    );
    expect(() => boundaryOf('multipart/related; type="application/dicom"')).toThrow(/without a boundary/);
  });

  it('splits binary parts byte-exact, including CR LF and dashes inside a part', () => {
    const a = Uint8Array.from([0, 1, 2, 13, 10, 45, 45, 255]);
    const b = new Uint8Array(1000).map((_, i) => i % 256);
    const parts = parseMultipartRelated(body('bnd', [a, b]), 'bnd');
    expect(parts).toHaveLength(2);
    expect(parts[0]!.contentType).toBe('application/dicom');
    expect([...parts[0]!.body]).toEqual([...a]);
    expect([...parts[1]!.body]).toEqual([...b]);
  });

  it('says when the answer is cut short', () => {
    const full = body('bnd', [new Uint8Array(50).fill(7)]);
    expect(() => parseMultipartRelated(full.subarray(0, 60), 'bnd')).toThrow(/cut short/);
    expect(() => parseMultipartRelated(enc('nothing here'), 'bnd')).toThrow(/no part delimiter/);
  });
});
