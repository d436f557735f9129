import { reportInput, type ReportInput } from '../../shared/contracts/cases.ts';
import { matchKeys } from '../modules/cases/escrow.ts';

const asText = (value: unknown) => (typeof value === 'string' ? value : null);
const canMatch = (candidate: Record<string, unknown>) =>
  matchKeys({
    name: asText(candidate.namedName),
    workplace: asText(candidate.namedWorkplace),
    phone: asText(candidate.namedPhone),
    employeeNumber: asText(candidate.namedEmployeeNumber),
  }).length > 0;

/**
 * The report form as the browser sends it (every value a string, checkboxes repeated or absent) and its
 * conversion to the `reportInput` contract. Errors name the form fields, so the page can mark each one
 * and link to it from the summary.
 */
export type FormFields = Map<string, string[]>;

export const first = (fields: FormFields, name: string): string => fields.get(name)?.[0] ?? '';
export const all = (fields: FormFields, name: string): string[] => fields.get(name) ?? [];

/** Form fields in page order (the error summary lists them in this order). */
export const reportFieldOrder = [
  'reporterRole',
  'forms',
  'narrative',
  'incidentDate',
  'place',
  'placeUnitId',
  'placeDetail',
  'relationship',
  'namedOffice',
  'namedName',
  'namedPosition',
  'namedWorkplace',
  'namedPhone',
  'namedEmployeeNumber',
  'wishes',
  'sealUntilMatch',
  'survivorSex',
  'survivorAgeBand',
  'reporterName',
  'contactMethod',
  'contactValue',
  'safeTimes',
  'consentToProcess',
  'files',
] as const;
export type ReportField = (typeof reportFieldOrder)[number];

/** A message key under `errors.` and its parameters. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}
export type FieldErrors = Partial<Record<string, FieldError>>;

const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value);
const isOn = (value: string) => value === 'on' || value === 'true';

/** Browser fields → the shape `reportInput` parses (checkbox arrays, "on" booleans, '' → null). */
export function reportCandidate(fields: FormFields): Record<string, unknown> {
  const unit = first(fields, 'placeUnitId').trim();
  const optionalChoice = (name: string) => textOrNull(first(fields, name)) ?? undefined;
  return {
    reporterRole: optionalChoice('reporterRole'),
    forms: all(fields, 'forms'),
    narrative: first(fields, 'narrative'),
    incidentDate: textOrNull(first(fields, 'incidentDate').trim()),
    incidentDateApproximate: isOn(first(fields, 'incidentDateApproximate')),
    place: optionalChoice('place'),
    placeUnitId: unit === '' ? null : /^\d{1,9}$/.test(unit) ? Number(unit) : unit,
    placeDetail: textOrNull(first(fields, 'placeDetail')),
    relationship: optionalChoice('relationship'),
    namedOffice: optionalChoice('namedOffice'),
    namedName: textOrNull(first(fields, 'namedName')),
    namedPosition: textOrNull(first(fields, 'namedPosition')),
    namedWorkplace: textOrNull(first(fields, 'namedWorkplace')),
    namedPhone: textOrNull(first(fields, 'namedPhone')),
    namedEmployeeNumber: textOrNull(first(fields, 'namedEmployeeNumber')),
    sealUntilMatch: isOn(first(fields, 'sealUntilMatch')),
    wishes: all(fields, 'wishes'),
    asksDpp: isOn(first(fields, 'asksDpp')),
    sameGenderHandler: isOn(first(fields, 'sameGenderHandler')),
    survivorSex: textOrNull(first(fields, 'survivorSex')),
    survivorAgeBand: textOrNull(first(fields, 'survivorAgeBand')),
    contactMethod: optionalChoice('contactMethod'),
    contactValue: textOrNull(first(fields, 'contactValue')),
    safeTimes: textOrNull(first(fields, 'safeTimes')),
    reporterName: textOrNull(first(fields, 'reporterName')),
    consentToProcess: isOn(first(fields, 'consentToProcess')),
    consentToContact: isOn(first(fields, 'consentToContact')),
  };
}

export type ReportParse = { ok: true; input: ReportInput } | { ok: false; errors: FieldErrors };

/**
 * Validates the form with the contract, plus what only the form knows: the DPD must be one the page
 * offered, the date cannot be in the future (Jakarta's today), and a chosen contact method needs a value.
 */
export function parseReportForm(
  fields: FormFields,
  context: { unitIds: ReadonlySet<number>; today: string },
): ReportParse {
  const errors: FieldErrors = {};
  const candidate = reportCandidate(fields);
  const result = reportInput.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      if (errors[field]) continue;
      errors[field] =
        issue.code === 'too_big' && issue.origin === 'string'
          ? { key: 'tooLong', params: { maximum: Number(issue.maximum) } }
          : fieldMessage(field);
    }
  }
  // Checked on the raw values too, so one round trip shows every problem, not the contract's first.
  const { placeUnitId, incidentDate, contactMethod, contactValue } = candidate;
  if (typeof placeUnitId === 'number' && !context.unitIds.has(placeUnitId))
    errors.placeUnitId ??= fieldMessage('placeUnitId');
  if (typeof incidentDate === 'string' && incidentDate > context.today)
    errors.incidentDate ??= fieldMessage('incidentDate');
  if (contactMethod !== undefined && contactMethod !== 'none' && !contactValue)
    errors.contactValue ??= fieldMessage('contactValue');
  // "Lapor bersama" needs something to match on (escrow.ts): name and workplace, or a phone number.
  if (candidate.sealUntilMatch === true && !canMatch(candidate))
    errors.sealUntilMatch ??= { key: 'escrowIdentifiers' };
  const input = result.success ? result.data : undefined;
  if (!input || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input };
}

/** Fields with a message of their own under `errors.fields`; others get the generic one. */
const knownFieldMessages = new Set([
  'reporterRole',
  'forms',
  'incidentDate',
  'place',
  'placeUnitId',
  'relationship',
  'contactValue',
  'consentToProcess',
]);

const fieldMessage = (field: string): FieldError =>
  knownFieldMessages.has(field) ? { key: `fields.${field}` } : { key: 'invalid' };

/** Today's date in Asia/Jakarta as YYYY-MM-DD (the reporters' calendar). */
export function jakartaToday(now: Date): string {
  return new Date(now.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
