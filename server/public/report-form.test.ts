import { describe, expect, it } from 'vitest';
import { jakartaToday, parseReportForm, reportCandidate, type FormFields } from './report-form.ts';

const context = { unitIds: new Set([7, 9]), today: '2026-11-22' };
const form = (entries: Record<string, string | string[]>): FormFields =>
  new Map(Object.entries(entries).map(([name, value]) => [name, [value].flat()]));

const minimal = {
  reporterRole: 'korban',
  forms: ['KS01', 'KP01'],
  place: 'area_kerja',
  relationship: 'atasan',
  consentToProcess: 'on',
};

describe('report form conversion', () => {
  it('turns checkboxes into arrays, "on" into booleans and empty strings into null', () => {
    const candidate = reportCandidate(
      form({
        ...minimal,
        incidentDate: '',
        incidentDateApproximate: 'on',
        placeUnitId: '7',
        placeDetail: '  ',
        wishes: ['dukungan', 'bantuan_hukum'],
        sameGenderHandler: 'on',
        survivorSex: '',
        contactMethod: 'none',
      }),
    );
    expect(candidate).toMatchObject({
      forms: ['KS01', 'KP01'],
      incidentDate: null,
      incidentDateApproximate: true,
      placeUnitId: 7,
      placeDetail: null,
      wishes: ['dukungan', 'bantuan_hukum'],
      asksDpp: false,
      sameGenderHandler: true,
      survivorSex: null,
      consentToProcess: true,
      consentToContact: false,
    });
  });

  it('parses a minimal report with the contract defaults', () => {
    const parsed = parseReportForm(form(minimal), context);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input).toMatchObject({
      reporterRole: 'korban',
      narrative: '',
      namedOffice: 'tidak_tahu',
      contactMethod: 'none',
      placeUnitId: null,
      wishes: [],
    });
  });

  it('names every missing required field', () => {
    const parsed = parseReportForm(form({}), context);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(
      ['consentToProcess', 'forms', 'place', 'relationship', 'reporterRole'].sort(),
    );
    expect(parsed.errors.forms).toEqual({ key: 'fields.forms' });
  });

  it('refuses unknown codes, a DPD the page did not offer, a future date and a contact method without value', () => {
    const parsed = parseReportForm(
      form({
        ...minimal,
        forms: ['KS01', 'XX99'],
        placeUnitId: '8',
        incidentDate: '2026-11-23',
        contactMethod: 'phone',
      }),
      context,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject({
      forms: { key: 'fields.forms' },
      incidentDate: { key: 'fields.incidentDate' },
    });
    const second = parseReportForm(
      form({ ...minimal, placeUnitId: '8', incidentDate: '2026-11-22', contactMethod: 'phone' }),
      context,
    );
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.errors).toEqual({
      placeUnitId: { key: 'fields.placeUnitId' },
      contactValue: { key: 'fields.contactValue' },
    });
  });

  it('says how long a text may be', () => {
    const parsed = parseReportForm(
      form({ ...minimal, narrative: 'x'.repeat(20_001), namedName: 'y'.repeat(201) }),
      context,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.narrative).toEqual({ key: 'tooLong', params: { maximum: 20_000 } });
    expect(parsed.errors.namedName).toEqual({ key: 'tooLong', params: { maximum: 200 } });
  });

  it('rejects a malformed date or unit and gives a generic message to fields without their own', () => {
    const parsed = parseReportForm(
      form({ ...minimal, incidentDate: '22/11/2026', placeUnitId: 'abc', survivorAgeBand: '99' }),
      context,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      incidentDate: { key: 'fields.incidentDate' },
      placeUnitId: { key: 'fields.placeUnitId' },
      survivorAgeBand: { key: 'invalid' },
    });
  });

  it("uses Jakarta's calendar for today", () => {
    expect(jakartaToday(new Date('2026-11-22T16:59:00Z'))).toBe('2026-11-22');
    expect(jakartaToday(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
  });
});
