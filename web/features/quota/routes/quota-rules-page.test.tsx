// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import web from '../../../../shared/locales/id/web-quota.json';
import type { QuotaRuleView } from '../../../../shared/contracts/quota.ts';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';

const q = web.quota;

const version = (number: number, thresholdBp: number) => ({
  id: number,
  ruleId: 1,
  code: 'spn-executive-30',
  version: number,
  name: '30% perempuan di setiap kepengurusan',
  description: null,
  scope: {
    subjectKinds: ['executive' as const],
    levels: [],
    delegationCategories: [],
    effectiveFrom: null,
    effectiveTo: null,
  },
  metric: 'filled_share' as const,
  thresholdBp,
  rounding: 'ceil' as const,
  minimum: null,
  positional: null,
  proportionalityFactorBp: null,
  enforcement: 'warn' as const,
  createdAt: '2026-12-01T03:00:00.000Z',
  createdBy: null,
});
const rule = (versions: ReturnType<typeof version>[]): QuotaRuleView => ({
  id: 1,
  code: 'spn-executive-30',
  currentVersion: versions[0]!.version,
  current: versions[0]!,
  versions,
});

describe('quota rules page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/quota/rules', { body: { items: [rule([version(1, 3000)])], canEdit: true } });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('edits a rule as a new version: the percent typed is sent as integer basis points', async () => {
    network.on('POST', '/api/v1/quota/rules/1/versions', {
      status: 201,
      body: rule([version(2, 3550), version(1, 3000)]),
    });
    renderApp('/quota/rules');
    fireEvent.click(
      await screen.findByRole('button', {
        name: q.rules.editNamed.replace('{{name}}', '30% perempuan di setiap kepengurusan'),
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const threshold = within(dialog).getByLabelText(label(q.fields.threshold));
    fireEvent.change(threshold, { target: { value: '35.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() =>
      expect(network.requests.some((request) => request.path === '/api/v1/quota/rules/1/versions')).toBe(
        true,
      ),
    );
    const posted = network.requests.find((request) => request.path === '/api/v1/quota/rules/1/versions')!;
    expect(posted.body).toMatchObject({ thresholdBp: 3550, rounding: 'ceil', metric: 'filled_share' });
  });

  it('without the right to edit, shows the rules read-only', async () => {
    network.on('GET', '/api/v1/quota/rules', { body: { items: [rule([version(1, 3000)])], canEdit: false } });
    renderApp('/quota/rules');
    expect(await screen.findByText(q.rules.readOnly)).toBeTruthy();
    expect(screen.queryByRole('button', { name: q.rules.edit })).toBeNull();
  });
});
