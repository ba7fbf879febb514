/**
 * Patient, study and dates as people read them: ISO dates (2009-05-27), names without DICOM carets,
 * an absent value said in words. Never raw DICOM (20090527, DOE^JOHN) on the page or in a file name.
 */
export const NOT_ENTERED = 'not entered';
/** A header value the images do not carry (an anonymised series): nobody forgot to enter it. */
export const NOT_RECORDED = 'not recorded in the images';

/** DICOM DA (YYYYMMDD, also the old YYYY.MM.DD) or an ISO date/time -> YYYY-MM-DD; '' when there is none. */
export function isoDate(value: string | undefined): string {
  const v = (value ?? '').trim();
  const m = /^(\d{4})[.-]?(\d{2})[.-]?(\d{2})(?:$|[T ])/.exec(v);
  if (!m) return '';
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${y}-${mo}-${d}` : '';
}

/** A date shown on the page: ISO, or the raw text when it is not a date, or "not entered". */
export function shownDate(value: string | undefined): string {
  return isoDate(value) || value?.trim() || NOT_ENTERED;
}

/** Local date and time of a moment, YYYY-MM-DD HH:MM (the reader's clock, as on a film). */
export function localDateTime(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${localDate(at)} ${p(at.getHours())}:${p(at.getMinutes())}`;
}

/** Local calendar date of a moment, YYYY-MM-DD. */
export function localDate(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/** The components of a DICOM PN (family^given^middle^prefix^suffix), empty ones dropped. */
function nameParts(pn: string): { family: string; given: string[] } {
  const [family = '', ...rest] = pn
    .split('=')[0]!
    .split('^')
    .map((s) => s.trim());
  return { family, given: rest.slice(0, 2).filter(Boolean) };
}

/** DOE^JOHN -> "DOE, JOHN"; a name without carets is kept as written; "" -> "not entered". */
export function personName(pn: string | undefined): string {
  const { family, given } = nameParts(pn ?? '');
  if (!family && !given.length) return NOT_ENTERED;
  return [family, given.join(' ')].filter(Boolean).join(', ');
}

const SEX: Record<string, string> = { F: 'female', M: 'male', O: 'other' };

/** DICOM sex code in words; "" when there is none. */
export function sexWord(code: string | undefined): string {
  const c = (code ?? '').trim().toUpperCase();
  return SEX[c] ?? c.toLowerCase();
}

/**
 * The patient line: name, then ID / birth date / sex only when known, so an empty ID never
 * shows as "()" and a missing birth date is left out rather than printed as "-".
 */
export function patientLine(p: { name: string; id: string; birthDate?: string; sex?: string }): string {
  const facts = [
    p.id.trim() ? `ID ${p.id.trim()}` : '',
    isoDate(p.birthDate) ? `born ${isoDate(p.birthDate)}` : '',
    sexWord(p.sex),
  ].filter(Boolean);
  return facts.length ? `${personName(p.name)} (${facts.join(', ')})` : personName(p.name);
}

/** Letters, digits and hyphens only (accents folded), so the name is safe on every file system. */
function fileToken(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The report's file name: patient, study date and report date, e.g.
 * `Doe_John_2009-05-27_report_2026-12-06.pdf`. Parts that are unknown are left out; a case
 * without a patient name is "patient".
 */
export function reportFileName(input: { patientName: string; studyDate?: string; reportDate: Date }): string {
  const { family, given } = nameParts(input.patientName);
  const name = fileToken([family, ...given].join('_')).slice(0, 80) || 'patient';
  const study = isoDate(input.studyDate);
  return [name, study, 'report', localDate(input.reportDate)].filter(Boolean).join('_') + '.pdf';
}

/**
 * The reference series as a radiologist names it: description and series number, e.g.
 * "CT Body 3.0 (series 3)"; an absent number or description is said, not left blank.
 */
export function seriesName(header: { SeriesDescription?: unknown; SeriesNumber?: unknown } | undefined): string {
  const d = String(header?.SeriesDescription ?? '').trim();
  const n = String(header?.SeriesNumber ?? '').trim();
  return `${d || 'no description'} (${n ? `series ${n}` : 'no series number'})`;
}
