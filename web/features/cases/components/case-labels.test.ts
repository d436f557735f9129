import { describe, expect, it } from 'vitest';
import {
  caseChannels,
  caseForms,
  caseOutcomes,
  caseParts,
  casePlaces,
  caseRelationships,
  caseServices,
  caseStates,
  closingReasons,
  consentRoutes,
  consentStatuses,
  contactMethods,
  deadlineKinds,
  ethicsStatuses,
  measureKinds,
  measureStatuses,
  namedOfficeLevels,
  referralStatuses,
  reporterRoles,
  reporterWishes,
  rightsItems,
  rightsItemStatuses,
} from '../../../../shared/case-taxonomy.ts';
import en from '../../../../shared/locales/en/web.json';
import id from '../../../../shared/locales/id/web.json';
import { formatReceipt } from './case-labels.tsx';

const lists: Record<string, readonly string[]> = {
  forms: caseForms,
  reporterRoles,
  places: casePlaces,
  relationships: caseRelationships,
  officeLevels: namedOfficeLevels,
  wishes: reporterWishes,
  contactMethods,
  channels: caseChannels,
  services: caseServices,
  consentRoutes,
  consentStatuses,
  referralStatuses,
  measureKinds,
  measureStatuses,
  ethicsStatuses,
  rightsItems,
  rightsStatuses: rightsItemStatuses,
  states: caseStates,
  closingReasons,
  outcomes: caseOutcomes,
  deadlineKinds,
  parts: caseParts,
  timelineKinds: [
    'received',
    'transition',
    'assignment',
    'assignment_end',
    'recusal',
    'routing',
    'note',
    'message_team',
    'message_reporter',
    'consent',
    'referral',
    'referral_update',
    'referral_review',
    'measure',
    'measure_update',
    'ethics',
    'rights',
    'file',
    // server/modules/cases/case-checkins.service.ts
    'contract_renewal',
    'checkin',
    'form_added',
  ],
  caseRoles: ['coordinator', 'handler', 'legal_aid'],
  // server/modules/cases/case-routing.ts RoutingReason, and the non-person timeline actors.
  routingReasons: ['place_dpd', 'place_unknown', 'asked_dpp', 'named_officer_dpd_or_above'],
  actors: ['reporter', 'system'],
};

type Labels = Record<string, Record<string, string>>;

describe('case labels', () => {
  it.each(Object.entries(lists))('name every %s code in both languages, and nothing else', (list, codes) => {
    for (const labels of [id.cases as unknown as Labels, en.cases as unknown as Labels]) {
      expect(Object.keys(labels[list] ?? {}).sort(), list).toEqual([...codes].sort());
      for (const code of codes) expect(labels[list]?.[code]?.trim(), `${list}.${code}`).toBeTruthy();
    }
  });

  it('use the Bahasa Indonesia and English form labels of the domain reference', () => {
    expect(id.cases.forms.KS03).toBe('Kekerasan seksual berbasis elektronik');
    expect(en.cases.forms.KS03).toBe('Electronic sexual violence');
    expect(id.cases.forms.RT01).toBe('Pembalasan terhadap pelapor/saksi');
    expect(en.cases.forms.KD01).toBe('Domestic violence affecting work');
  });

  it('group a receipt 4-4-4-4 and keep one the server already grouped', () => {
    expect(formatReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(formatReceipt('1234 5678 9012 3456')).toBe('1234 5678 9012 3456');
  });
});
