import { describe, expect, it } from 'vitest';
import { caseStates, type CaseForm, type CaseState } from '../../../shared/case-taxonomy.ts';
import type { CaseRoleInCase } from '../../../shared/contracts/cases.ts';
import {
  allowedTargets,
  decideTransition,
  isOutcomeAllowed,
  type TransitionRequest,
} from './case-workflow.ts';

const facts = (state: CaseState, forms: CaseForm[] = ['KP01'], rightsReviewed = true) => ({
  state,
  forms,
  rightsReviewed,
});
const request = (to: CaseState, extra: Partial<TransitionRequest> = {}): TransitionRequest => ({
  to,
  reason: 'Alasan yang jelas',
  ...(to === 'monitoring' ? { outcome: 'sanksi_perusahaan' as const } : {}),
  ...(to === 'closed' ? { closingReason: 'selesai' as const } : {}),
  ...extra,
});

describe('SOP workflow: every (from, to) pair for each case role', () => {
  // Written out by hand: the legal moves and who may make them. Everything else is refused.
  const legal: Record<string, CaseRoleInCase[]> = {
    'received>triage': ['coordinator', 'handler'],
    'triage>handling': ['coordinator', 'handler'],
    'handling>monitoring': ['coordinator'],
    'monitoring>closed': ['coordinator'],
    'received>closed': ['coordinator'],
    'triage>closed': ['coordinator'],
    'handling>closed': ['coordinator'],
    'closed>handling': ['coordinator'],
  };
  const roles: CaseRoleInCase[] = ['coordinator', 'handler', 'legal_aid'];
  const rows = caseStates.flatMap((from) =>
    caseStates.flatMap((to) =>
      roles.map((role) => ({ from, to, role, ok: legal[`${from}>${to}`]?.includes(role) ?? false })),
    ),
  );
  it.each(rows)('$from → $to by $role: $ok', ({ from, to, role, ok }) => {
    const closingReason = from === 'monitoring' ? 'selesai' : 'ditarik_korban';
    const decision = decideTransition(
      facts(from),
      [role],
      request(to, to === 'closed' ? { closingReason } : {}),
    );
    expect(decision).toEqual(ok ? { ok: true } : { ok: false, code: 'transition_not_allowed' });
  });
  it('lists the targets a role may choose', () => {
    expect(allowedTargets('received', ['handler'])).toEqual(['triage']);
    expect(allowedTargets('received', ['coordinator']).sort()).toEqual(['closed', 'triage']);
    expect(allowedTargets('handling', ['legal_aid'])).toEqual([]);
    expect(allowedTargets('closed', ['coordinator'])).toEqual(['handling']);
  });
});

describe('guard rails', () => {
  it('UU TPKS Art. 23: no mediation outcome on any KS* form', () => {
    for (const form of ['KS01', 'KS02', 'KS03', 'KS04', 'KS05', 'KS06', 'KS07', 'KS08'] as const) {
      expect(isOutcomeAllowed('mediasi_damai', [form])).toBe(false);
      expect(
        decideTransition(
          facts('handling', ['KP01', form]),
          ['coordinator'],
          request('monitoring', { outcome: 'mediasi_damai' }),
        ),
      ).toEqual({ ok: false, code: 'mediation_forbidden' });
    }
    expect(isOutcomeAllowed('mediasi_damai', ['KP01', 'KE01'])).toBe(true);
    expect(isOutcomeAllowed('sanksi_perusahaan', ['KS05'])).toBe(true);
  });
  it('monitoring needs an outcome', () => {
    expect(
      decideTransition(facts('handling'), ['coordinator'], { to: 'monitoring', reason: 'Selesai ditangani' }),
    ).toEqual({
      ok: false,
      code: 'outcome_required',
    });
  });
  it('closing needs a closing reason and the rights checklist reviewed', () => {
    expect(
      decideTransition(facts('monitoring'), ['coordinator'], { to: 'closed', reason: 'Tutup kasus' }),
    ).toEqual({
      ok: false,
      code: 'closing_reason_required',
    });
    expect(
      decideTransition(facts('monitoring', ['KS01'], false), ['coordinator'], request('closed')),
    ).toEqual({
      ok: false,
      code: 'rights_not_reviewed',
    });
    expect(decideTransition(facts('monitoring', ['KS01'], true), ['coordinator'], request('closed'))).toEqual(
      { ok: true },
    );
  });
  it('an early close cannot claim the case was resolved', () => {
    expect(
      decideTransition(facts('triage'), ['coordinator'], request('closed', { closingReason: 'selesai' })),
    ).toEqual({
      ok: false,
      code: 'closing_reason_required',
    });
    expect(
      decideTransition(facts('triage'), ['coordinator'], request('closed', { closingReason: 'duplikat' })),
    ).toEqual({
      ok: true,
    });
  });
  it('every transition records why: a reason is required', () => {
    expect(decideTransition(facts('received'), ['handler'], { to: 'triage', reason: '  ' })).toEqual({
      ok: false,
      code: 'validation_failed',
    });
  });
  it('reopening needs the coordinator and a reason', () => {
    expect(decideTransition(facts('closed'), ['handler'], request('handling'))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
    });
    expect(decideTransition(facts('closed'), ['coordinator'], request('handling'))).toEqual({ ok: true });
  });
});
