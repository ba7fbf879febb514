/**
 * multipart/related bodies (RFC 2387) as WADO-RS answers them (PS3.18 8.6.1.1). Hand-written:
 * fetch's Response.formData() reads only multipart/form-data, and no dependency of ours parses
 * multipart/related; the format is small (boundary-delimited parts with a header block each).
 */

export interface MimePart {
  contentType: string;
  body: Uint8Array;
}

/** The boundary parameter of a Content-Type header, or throws naming what came instead. */
export function boundaryOf(contentType: string): string {
  if (!/^\s*multipart\/related\b/i.test(contentType))
    throw new Error(`expected a multipart/related answer, got '${contentType || 'no content type'}'`);
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new Error(`multipart/related answer without a boundary: '${contentType}'`);
  return boundary;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first!, from); i >= 0 && i <= haystack.length - needle.length;) {
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        i = haystack.indexOf(first!, i + 1);
        continue outer;
      }
    }
    return i;
  }
  return -1;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Splits a multipart/related body into its parts; throws when the body is cut short. */
export function parseMultipartRelated(body: Uint8Array, boundary: string): MimePart[] {
  const delimiter = ascii(`--${boundary}`);
  const headerEnd = ascii('\r\n\r\n');
  const parts: MimePart[] = [];
  let at = indexOf(body, delimiter, 0);
  if (at < 0) throw new Error('multipart answer has no part delimiter');
  for (;;) {
    let start = at + delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[start] === 0x2d && body[start + 1] === 0x2d) return parts;
    // Transport padding may follow the delimiter before its CRLF.
    while (body[start] === 0x20 || body[start] === 0x09) start++;
    if (body[start] !== 0x0d || body[start + 1] !== 0x0a) throw new Error('malformed multipart delimiter line');
    start += 2;
    const headersEnd = indexOf(body, headerEnd, start);
    if (headersEnd < 0) throw new Error('multipart part without the end of its headers');
    const headers = new TextDecoder('latin1').decode(body.subarray(start, headersEnd));
    const contentType = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '';
    const next = indexOf(body, ascii(`\r\n--${boundary}`), headersEnd + 4);
    if (next < 0) throw new Error('multipart answer was cut short (no closing delimiter)');
    parts.push({ contentType, body: body.slice(headersEnd + 4, next) });
    at = next + 2;
  }
}
