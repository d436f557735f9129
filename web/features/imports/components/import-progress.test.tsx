// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { renderWithProviders } from '../../../test/render-app.tsx';
import { ImportProgress } from './import-progress.tsx';

const jobId = '00000000-0000-4000-8000-0000000000b1';
const job = (status: 'running' | 'done', processedRows: number) => ({
  id: jobId,
  kind: 'members',
  status,
  fileName: 'anggota.csv',
  totalRows: 200,
  processedRows,
  mode: 'valid_only',
  summary:
    status === 'done'
      ? { totalRows: 200, validRows: 200, errorRows: 0, newRows: 150, updatedRows: 50, unchangedRows: 0 }
      : null,
  createdAt: '2026-01-05T08:00:00.000Z',
  finishedAt: status === 'done' ? '2026-01-05T08:00:03.000Z' : null,
});

describe('import progress', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
  });
  afterEach(() => network.restore());

  it('polls every second while running, shows the percentage, and stops once done', async () => {
    network.once('GET', `/api/v1/imports/${jobId}`, { body: job('running', 50) });
    network.once('GET', `/api/v1/imports/${jobId}`, { body: job('running', 150) });
    network.on('GET', `/api/v1/imports/${jobId}`, { body: job('done', 200) });
    const onFinished = vi.fn();
    renderWithProviders(<ImportProgress jobId={jobId} onFinished={onFinished} />);

    const bar = await screen.findByRole('progressbar', { name: id.imports.progress.label });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('25'));
    expect(screen.getByRole('status').textContent).toBe('50 dari 200 baris diproses (25%).');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(id.imports.progress.done), {
      timeout: 4000,
    });
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(onFinished.mock.calls[0]?.[0]).toMatchObject({ status: 'done' });

    const polls = () =>
      network.requests.filter((request) => request.path.startsWith('/api/v1/imports/')).length;
    const afterDone = polls();
    expect(afterDone).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(polls()).toBe(afterDone);
  }, 10_000);
});
