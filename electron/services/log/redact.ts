/**
 * Secrets this process has handled (PACS passwords, tokens), so the support log can blank them
 * wherever they turn up: an error message quoting a URL or a header, a stack, a context line.
 */
const known = new Set<string>();

/** Secrets shorter than this are not redacted: "1" would blank half the log and hide nothing. */
const MIN_LENGTH = 4;

export function rememberSecret(secret: string | undefined): void {
  if (secret && secret.length >= MIN_LENGTH) known.add(secret);
}

export function forgetSecret(secret: string | undefined): void {
  if (secret) known.delete(secret);
}

/** Blanks known secrets and the credential forms that carry unknown ones (Authorization headers, user:pass@ in URLs). */
export function redact(text: string): string {
  let out = text
    .replace(/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]{4,}/gi, '$1 [redacted]')
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, '$1[redacted]@');
  // Longest first, so a secret containing another is blanked whole.
  for (const secret of [...known].sort((a, b) => b.length - a.length)) out = out.split(secret).join('[redacted]');
  return out;
}
