import { createHmac } from 'node:crypto';

/**
 * Escrow matching ("Lapor bersama", domain/cases.md): the named person's identifiers are normalised and
 * turned into match tokens with a keyed hash (HMAC-SHA256) whose key is a purpose secret kept wrapped by
 * the master key, outside the database. Pure functions only; what they catch and what they do not is
 * written down in docs/escrow-matching.md.
 */

/** The kinds of token a report can carry; two reports match when they share a token of the same kind. */
export type MatchTokenKind = 'name_workplace' | 'phone' | 'employee_number';

export interface NamedIdentifiers {
  name?: string | null;
  workplace?: string | null;
  phone?: string | null;
  employeeNumber?: string | null;
}

/** Honorifics, religious and academic titles that say nothing about who the person is. */
const nameTitles = new Set([
  'bapak',
  'bpk',
  'bp',
  'pak',
  'ibu',
  'bu',
  'saudara',
  'sdr',
  'sdri',
  'tuan',
  'nyonya',
  'ny',
  'nona',
  'mas',
  'mbak',
  'kak',
  'h',
  'hj',
  'haji',
  'hajah',
  'hajjah',
  'kh',
  'ust',
  'ustadz',
  'ustad',
  'dr',
  'drs',
  'dra',
  'ir',
  'prof',
  'se',
  'sh',
  'st',
  'sp',
  'spd',
  'ssos',
  'skom',
  'sos',
  'ssi',
  'sip',
  'sik',
  'skm',
  'sag',
  'ak',
  'amd',
  'mm',
  'msi',
  'mt',
  'mh',
  'mkom',
  'mpd',
  'mba',
  'ma',
  'msc',
  'phd',
  'bsc',
  'spog',
  'mkes',
]);

/** Spellings of Muhammad, in full and abbreviated, as one word after punctuation is removed. */
const muhammadSpellings = new Set([
  'm',
  'mhd',
  'mohd',
  'moh',
  'moch',
  'mochd',
  'mochamad',
  'mochammad',
  'mohamad',
  'mohammad',
  'mohamed',
  'muh',
  'muhamad',
  'muhammad',
  'muhamed',
  'muchamad',
  'muchammad',
  'mokhamad',
  'mokhammad',
  'muhammed',
]);

/** Legal forms and filler words of company names. */
const workplaceForms = new Set([
  'pt',
  'cv',
  'tbk',
  'persero',
  'perseroan',
  'terbatas',
  'ud',
  'pd',
  'fa',
  'firma',
  'koperasi',
  'kop',
  'yayasan',
  'ltd',
  'inc',
  'co',
  'corp',
  'the',
]);

/** Lower case, no diacritics, letters and digits only, single spaces; dots and commas end a word. */
function plainWords(input: string): string[] {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,]/g, ' ')
    .replace(/['’`-]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/**
 * One spelling per sound: the old spelling (Van Ophuijsen / Soewandi: dj → j, tj → c, oe → u, sj → sy,
 * nj → ny, ch → kh) and the modern one meet, y and j are one letter (old "j" is modern "y": Soejono,
 * Sujono, Suyono), and doubled letters become one (Muhammad / Muhamad, Ussman / Usman).
 */
export function canonicalSpelling(word: string): string {
  return word
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/oe/g, 'u')
    .replace(/sj/g, 'sy')
    .replace(/nj/g, 'ny')
    .replace(/ch/g, 'kh')
    .replace(/y/g, 'j')
    .replace(/([a-z])\1+/g, '$1');
}

const canonicalMuhammad = new Set([...muhammadSpellings].map((word) => canonicalSpelling(word)));

/**
 * The named person's name as one comparable string, or null when nothing identifying is left. Degrees
 * after a comma ("Budi Santoso, S.E., M.M.") and titles before the name ("Bapak H. Ir.") are dropped;
 * every spelling of Muhammad, and a leading "M.", become one word.
 */
export function normaliseName(input: string | null | undefined): string | null {
  if (!input) return null;
  const beforeDegrees = input.split(',')[0] ?? '';
  const words = plainWords(beforeDegrees).filter((word) => !nameTitles.has(word) && !/^\d+$/.test(word));
  const kept = words.flatMap((word, index) => {
    const canonical = canonicalSpelling(word);
    if (muhammadSpellings.has(word) || canonicalMuhammad.has(canonical))
      // A lone "M" is Muhammad only before another name ("M. Rizki"), not an initial at the end.
      return word === 'm' && index === words.length - 1 ? [] : ['muhamad'];
    // Other lone letters are initials: too little to keep, and "Budi S." must still meet "Budi".
    return word.length > 1 ? [canonical] : [];
  });
  return kept.length > 0 ? kept.join(' ') : null;
}

/** The workplace name without legal forms (PT, CV, Tbk, Persero…), in the same canonical spelling. */
export function normaliseWorkplace(input: string | null | undefined): string | null {
  if (!input) return null;
  const words = plainWords(input)
    .filter((word) => !workplaceForms.has(word))
    .map(canonicalSpelling);
  return words.length > 0 ? words.join(' ') : null;
}

/**
 * An Indonesian phone number in E.164 (`+62…`): 08…, 628…, +62 8…, 0062…, with spaces, dashes, dots or
 * brackets. Other countries' numbers in international form are kept as given. Null when not a number.
 */
export function normalisePhone(input: string | null | undefined): string | null {
  if (!input) return null;
  const trimmed = input.trim();
  const plus = trimmed.startsWith('+');
  let digits = trimmed.replace(/[\s\-.()/]/g, '').replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) return null;
  if (!plus && digits.startsWith('00')) digits = digits.slice(2);
  else if (!plus && digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  else if (!plus && digits.startsWith('8')) digits = `62${digits}`;
  // "+62 0812…": a trunk zero after the country code.
  if (digits.startsWith('620')) digits = `62${digits.slice(3)}`;
  if (digits.length < 8 || digits.length > 15) return null;
  return `+${digits}`;
}

/** An employee number without separators, in capitals, without leading zeros in its number parts. */
export function normaliseEmployeeNumber(input: string | null | undefined): string | null {
  if (!input) return null;
  const compact = input
    .toUpperCase()
    .replace(/[\s\-./_]/g, '')
    .replace(/(^|[A-Z])0+(?=\d)/g, '$1');
  if (!/^[A-Z0-9]+$/.test(compact) || !/\d/.test(compact)) return null;
  return compact;
}

/** The canonical identifiers a report can be matched on (never stored: only their keyed hashes are). */
export function matchKeys(identifiers: NamedIdentifiers): { kind: MatchTokenKind; value: string }[] {
  const keys: { kind: MatchTokenKind; value: string }[] = [];
  const name = normaliseName(identifiers.name);
  const workplace = normaliseWorkplace(identifiers.workplace);
  // A name alone is too common to open a sealed report: it counts only with the workplace.
  if (name && workplace) keys.push({ kind: 'name_workplace', value: `${name}|${workplace}` });
  const phone = normalisePhone(identifiers.phone);
  if (phone) keys.push({ kind: 'phone', value: phone });
  // Employee numbers are unique only inside one employer: they count only with the workplace.
  const employee = normaliseEmployeeNumber(identifiers.employeeNumber);
  if (employee && workplace) keys.push({ kind: 'employee_number', value: `${employee}|${workplace}` });
  return keys;
}

/** The reporter's own contact (phone or email), to recognise the same reporter twice. */
export function normaliseReporterContact(
  method: 'none' | 'phone' | 'email' | 'whatsapp',
  value: string | null | undefined,
): string | null {
  if (method === 'none' || !value) return null;
  if (method === 'email') {
    const email = value.trim().toLowerCase();
    return email.includes('@') ? `email:${email}` : null;
  }
  const phone = normalisePhone(value);
  return phone ? `phone:${phone}` : null;
}

export interface MatchTokenizer {
  /** The stored form of a match key: HMAC-SHA256 under the escrow secret, hex. */
  token(kind: MatchTokenKind, value: string): string;
  tokens(identifiers: NamedIdentifiers): { kind: MatchTokenKind; token: string }[];
  /** The stored form of a reporter's contact, or null without one. */
  reporterToken(contact: string | null): string | null;
}

export function createMatchTokenizer(secret: Buffer): MatchTokenizer {
  const keyed = (purpose: string, value: string) =>
    createHmac('sha256', secret).update(`${purpose}\0${value}`).digest('hex');
  return {
    token: (kind, value) => keyed(`escrow-match:${kind}`, value),
    tokens: (identifiers) =>
      matchKeys(identifiers).map(({ kind, value }) => ({
        kind,
        token: keyed(`escrow-match:${kind}`, value),
      })),
    reporterToken: (contact) => (contact ? keyed('escrow-reporter', contact) : null),
  };
}

export interface TokenHolder {
  caseId: string;
  /** The reporter's contact token; two cases with the same one are the same reporter. */
  reporterToken: string | null;
  /** sealed (waiting), opened (matched), or an ordinary case that names a person. */
  kind: 'sealed' | 'opened' | 'ordinary';
}

/**
 * Which other cases a new report matches: they share a token, are not the same case, are not from the
 * same reporter (same contact token) and are not withdrawn (withdrawn reports hold no tokens at all).
 * A match counts only when a sealed report takes part: two ordinary cases are already visible to teams.
 */
export function decideMatch(
  incoming: TokenHolder,
  holders: readonly TokenHolder[],
): { matched: TokenHolder[]; toOpen: string[] } {
  const others = holders.filter(
    (holder) =>
      holder.caseId !== incoming.caseId &&
      !(incoming.reporterToken !== null && holder.reporterToken === incoming.reporterToken),
  );
  const unique = [...new Map(others.map((holder) => [holder.caseId, holder])).values()];
  const involvesSealed = incoming.kind === 'sealed' || unique.some((holder) => holder.kind === 'sealed');
  if (unique.length === 0 || !involvesSealed) return { matched: [], toOpen: [] };
  const toOpen = [incoming, ...unique].filter((holder) => holder.kind === 'sealed').map((h) => h.caseId);
  return { matched: unique, toOpen };
}

/** Sealed reports (waiting for a match) and withdrawn ones are invisible to every case team. */
export function isHiddenFromStaff(escrow: string | null): boolean {
  return escrow === 'sealed' || escrow === 'withdrawn';
}
