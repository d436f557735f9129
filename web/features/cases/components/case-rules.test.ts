import { describe, expect, it } from 'vitest';
import { caseDetail } from '../../../test/case-fixtures.ts';
import { visibleTabs } from '../routes/case-page.tsx';
import { latestConsent } from './case-consents.tsx';
import { rightsBodyFromRows, rightsRows } from './case-protection.tsx';
import { orderCandidates } from './case-team.tsx';
import { outcomesFor, routingChanges } from './case-workflow-dialogs.tsx';

const unchanged = {
  placeUnitId: null,
  clearPlaceUnit: false,
  namedMemberId: null,
  unlinkMember: false,
  asksDpp: false,
  reason: 'Koreksi',
};

describe('case screen rules', () => {
  it('sends only the routing fields that changed', () => {
    const detail = caseDetail();
    expect(routingChanges(detail, unchanged)).toBeNull();
    expect(routingChanges(detail, { ...unchanged, placeUnitId: detail.placeUnit?.id ?? 0 })).toBeNull();
    expect(routingChanges(detail, { ...unchanged, placeUnitId: 9 })).toEqual({ placeUnitId: 9 });
    expect(routingChanges(detail, { ...unchanged, clearPlaceUnit: true })).toEqual({ placeUnitId: null });
    expect(routingChanges(detail, { ...unchanged, namedMemberId: '42', asksDpp: true })).toEqual({
      namedMemberId: '42',
      asksDpp: true,
    });
    // Nothing to unlink when no member is linked.
    expect(routingChanges(detail, { ...unchanged, unlinkMember: true })).toBeNull();
    const linked = caseDetail({
      namedPerson: {
        name: 'Pak Budi',
        position: null,
        workplace: null,
        member: { id: '42', name: 'Budi', number: 'SPN-42' },
      },
    });
    expect(routingChanges(linked, { ...unchanged, unlinkMember: true })).toEqual({ namedMemberId: null });
  });

  it('never offers mediation when a form is sexual violence (UU TPKS Art. 23)', () => {
    expect(outcomesFor(['KS04', 'KF01'])).not.toContain('mediasi_damai');
    expect(outcomesFor(['KF01'])).toContain('mediasi_damai');
  });

  it('takes the newest consent record of a route', () => {
    const consent = (recordedAt: string, status: 'given' | 'withdrawn') => ({
      id: recordedAt,
      route: 'bantuan_hukum' as const,
      status,
      recordedAt,
      recordedBy: 'Dewi',
      note: null,
    });
    const consents = [consent('2026-11-21T00:00:00Z', 'withdrawn'), consent('2026-11-20T00:00:00Z', 'given')];
    expect(latestConsent(consents, 'bantuan_hukum')?.status).toBe('withdrawn');
    expect(latestConsent(consents, 'laporan_polisi')).toBeNull();
  });

  it('keeps the nine rights items in order and sends only the reviewed ones', () => {
    const rows = rightsRows(
      caseDetail({ rights: [{ item: 'pemulihan', status: 'ditawarkan_ditolak', note: ' Nanti ' }] }),
    );
    expect(rows).toHaveLength(9);
    expect(rightsBodyFromRows(rows)).toEqual([
      { item: 'pemulihan', status: 'ditawarkan_ditolak', note: 'Nanti' },
    ]);
  });

  it('lists candidates for the role, same-gender matches first, conflicts last', () => {
    const candidate = (
      name: string,
      excluded: boolean,
      sameGender: boolean | null,
      roles = ['handler' as const],
    ) => ({
      user: { id: name, name },
      roles,
      sex: null,
      excluded,
      sameGender,
    });
    const ordered = orderCandidates(
      [
        candidate('A', true, true),
        candidate('B', false, false),
        candidate('C', false, true),
        candidate('D', false, null, []),
      ],
      'handler',
    );
    expect(ordered.map((item) => item.user.name)).toEqual(['C', 'B', 'A']);
  });

  it('shows a tab only for the parts the caller may read', () => {
    expect(visibleTabs(caseDetail({ allowed: { readAccessLog: true }, ethicsApplicable: true }))).toEqual([
      'summary',
      'named',
      'team',
      'consent',
      'referrals',
      'measures',
      'ethics',
      'rights',
      'notes',
      'messages',
      'files',
      'timeline',
      'accessLog',
    ]);
    expect(visibleTabs(caseDetail({ namedPerson: null, notes: null, messages: null, files: null }))).toEqual([
      'summary',
      'team',
      'consent',
      'referrals',
      'measures',
      'rights',
      'timeline',
    ]);
    // Legal aid may write notes it cannot read back.
    expect(visibleTabs(caseDetail({ notes: null, allowed: { addNote: true } }))).toContain('notes');
  });
});
