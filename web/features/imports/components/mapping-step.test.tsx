// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import type { ImportUploadResponse } from '../../../../shared/contracts/imports.ts';
import { label, renderWithProviders } from '../../../test/render-app.tsx';
import type { ImportMapping } from '../api/imports-api.ts';
import { initialMapping, importFieldSets } from './mapping.ts';
import { MappingStep } from './mapping-step.tsx';

const upload: ImportUploadResponse = {
  id: '00000000-0000-4000-8000-0000000000f1',
  kind: 'members',
  fileName: 'anggota.csv',
  headers: ['No Anggota', 'Nama Lengkap', 'Kode Unit Kerja'],
  sampleRows: [['SPN-1', 'Siti Rahayu', 'PSP-1']],
  totalRows: 1,
  suggestedMapping: { member_number: 'No Anggota', full_name: 'Nama Lengkap' },
};

function Harness({ onSubmit }: { onSubmit: (mapping: ImportMapping) => void }) {
  const [mapping, setMapping] = useState(
    initialMapping(importFieldSets.members, upload.headers, upload.suggestedMapping),
  );
  return (
    <MappingStep
      kind="members"
      upload={upload}
      mapping={mapping}
      onChange={setMapping}
      onSubmit={() => onSubmit(mapping)}
      onBack={() => undefined}
      isSubmitting={false}
    />
  );
}

describe('import mapping step', () => {
  it('prefills the suggestion, marks required fields, and runs only once they all have a column', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<Harness onSubmit={onSubmit} />);
    const number = await screen.findByLabelText(label(id.imports.fields.members.member_number));
    expect(number).toHaveProperty('value', 'No Anggota');
    expect(number.hasAttribute('required')).toBe(true);
    const unit = screen.getByLabelText(label(id.imports.fields.members.unit_code));
    expect(unit).toHaveProperty('value', '');
    expect(screen.getByLabelText(label(id.imports.fields.members.employer)).hasAttribute('required')).toBe(
      false,
    );

    fireEvent.click(screen.getByRole('button', { name: id.imports.mapping.submit }));
    expect(onSubmit).not.toHaveBeenCalled();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      id.imports.mapping.missingField.replace('{{field}}', id.imports.fields.members.unit_code),
    );
    expect(screen.getByText(id.imports.mapping.requiredMissing)).toBeTruthy();

    fireEvent.change(unit, { target: { value: 'Kode Unit Kerja' } });
    fireEvent.click(screen.getByRole('button', { name: id.imports.mapping.submit }));
    expect(onSubmit).toHaveBeenCalledWith({
      member_number: 'No Anggota',
      full_name: 'Nama Lengkap',
      unit_code: 'Kode Unit Kerja',
    });
  });

  it('flags a column chosen for two fields', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<Harness onSubmit={onSubmit} />);
    fireEvent.change(await screen.findByLabelText(label(id.imports.fields.members.unit_code)), {
      target: { value: 'Kode Unit Kerja' },
    });
    fireEvent.change(screen.getByLabelText(label(id.imports.fields.members.employer)), {
      target: { value: 'Kode Unit Kerja' },
    });
    expect(screen.getAllByText(id.imports.mapping.duplicate)).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: id.imports.mapping.submit }));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
