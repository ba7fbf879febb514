/**
 * Long file paths in notices: the drive/root and first folder, then the last folders and the file
 * name, with "…" for what is left out — the ends are what a user recognises a path by.
 */
export function shortenPath(path: string, max = 48): string {
  if (path.length <= max) return path;
  const sep = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const parts = path.split(sep);
  // ['', 'home', ...] for /home/...; ['C:', 'Users', ...] for C:\Users\...
  const head = parts.slice(0, parts[0] === '' ? 2 : 1).join(sep);
  const rest = parts.slice(parts[0] === '' ? 2 : 1);
  let tail = rest.pop() ?? '';
  while (rest.length > 0 && `${head}${sep}…${sep}${rest[rest.length - 1]}${sep}${tail}`.length <= max) {
    tail = `${rest.pop()}${sep}${tail}`;
  }
  const short = rest.length > 0 ? `${head}${sep}…${sep}${tail}` : path;
  if (short.length <= max) return short;
  // One name too long on its own: keep both of its ends.
  const keep = max - 1;
  return `${path.slice(0, Math.ceil(keep / 2))}…${path.slice(path.length - Math.floor(keep / 2))}`;
}

export type MessagePart = { text: string } | { path: string; short: string };

/** Absolute POSIX or Windows paths; ends at whitespace or a quote, and trailing punctuation is not part of it. */
const PATH = /(?:[A-Za-z]:\\|\/)[^\s'"]*[^\s'".,;:)]/g;

/** A message split into plain text and paths, each path with its shortened form. */
export function splitPaths(message: string, max = 48): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const m of message.matchAll(PATH)) {
    // A lone "/" between words ("mg/dL", "and/or") is not a path: it must follow a space or start.
    const before = message[m.index - 1];
    if (m.index > 0 && before !== ' ' && before !== '(' && before !== "'" && before !== '"') continue;
    if (!m[0].slice(1).match(/[\\/]/)) continue;
    if (m.index > last) parts.push({ text: message.slice(last, m.index) });
    parts.push({ path: m[0], short: shortenPath(m[0], max) });
    last = m.index + m[0].length;
  }
  if (last < message.length) parts.push({ text: message.slice(last) });
  return parts;
}
