import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/access.ts';
import { delegationActions } from './credentials.service.ts';

const principal = (role: 'org_admin' | 'gender_officer' | 'viewer', unitPath: string): Principal => ({
  userId: 'u',
  grants: [{ role, unitId: 1, unitPath }],
});
const organiser = '/1/';
const unit = '/1/4/';

describe('who may do what on a delegation', () => {
  // caller, status → decide, resubmit, editDelegates
  const table: [
    string,
    Principal,
    'open' | 'submitted' | 'returned' | 'accepted',
    boolean,
    boolean,
    boolean,
  ][] = [
    ['committee (organiser org_admin), open', principal('org_admin', organiser), 'open', true, false, true],
    [
      'committee at DPP also manages the unit below: returned, may resubmit for it',
      principal('org_admin', organiser),
      'returned',
      false,
      true,
      true,
    ],
    ['committee, accepted: nothing left', principal('org_admin', organiser), 'accepted', false, false, false],
    ['delegating unit, open: edits delegates only', principal('org_admin', unit), 'open', false, false, true],
    ['delegating unit, returned: resubmits', principal('org_admin', unit), 'returned', false, true, true],
    ['delegating unit, submitted: waits', principal('org_admin', unit), 'submitted', false, false, true],
    ['another DPD', principal('org_admin', '/1/9/'), 'returned', false, false, false],
    [
      'gender officer at DPP: reads, does not decide',
      principal('gender_officer', organiser),
      'open',
      false,
      false,
      false,
    ],
    ['viewer', principal('viewer', organiser), 'submitted', false, false, false],
  ];
  it.each(table)('%s', (_name, caller, status, decide, resubmit, editDelegates) => {
    expect(delegationActions(caller, organiser, unit, status)).toEqual({ decide, resubmit, editDelegates });
  });
});
