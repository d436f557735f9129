import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../../shared/contracts/units.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import {
  useCreateUnit,
  useDeactivateUnit,
  useMoveUnit,
  useReactivateUnit,
  useRenameUnit,
  useUnitLevels,
} from '../api/units-api.ts';

interface DialogProps {
  unit: UnitView;
  onClose: () => void;
}

/** The level one step below the parent's (DPP → DPD → …), or the parent's own level at the bottom. */
function suggestedLevel(levels: readonly string[], parentLevel: string): string {
  const index = levels.indexOf(parentLevel);
  if (index === -1) return levels[0] ?? '';
  return levels[Math.min(index + 1, levels.length - 1)] ?? parentLevel;
}

export function CreateUnitDialog({
  unit,
  onClose,
  onCreated,
}: DialogProps & { onCreated: (parentId: number) => void }) {
  const { t } = useTranslation();
  const levels = useUnitLevels();
  const create = useCreateUnit();
  const levelList = levels.data?.levels ?? [];
  const form = useForm({
    initialValues: { name: '', code: '', level: '' },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      code: (value) => (/^[A-Za-z0-9._-]{1,40}$/.test(value.trim()) ? null : t('validation.unitCode')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { conflict: 'code' });
  const level = form.values.level || suggestedLevel(levelList, unit.level);

  const submit = form.onSubmit((values) => {
    clearError();
    create.mutate(
      { parentId: unit.id, name: values.name.trim(), code: values.code.trim(), level },
      {
        onSuccess: (created) => {
          notifySuccess(t('units.created', { name: created.name }));
          onCreated(unit.id);
          onClose();
        },
        onError: handleError,
      },
    );
  });

  return (
    <AppModal opened onClose={onClose} title={t('units.createTitle', { parent: unit.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('units.fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={t('units.fields.code')}
            description={t('units.fields.codeHint')}
            required
            {...form.getInputProps('code')}
          />
          <NativeSelect
            label={t('units.fields.level')}
            data={levelList}
            value={level}
            onChange={(event) => form.setFieldValue('level', event.currentTarget.value)}
            error={form.errors.level}
            required
          />
          <ErrorAlert error={error ?? levels.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!level}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function RenameUnitDialog({ unit, onClose }: DialogProps) {
  const { t } = useTranslation();
  const rename = useRenameUnit();
  const form = useForm({
    initialValues: { name: unit.name },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    rename.mutate(
      { id: unit.id, name: values.name.trim() },
      {
        onSuccess: (renamed) => {
          notifySuccess(t('units.renamed', { name: renamed.name }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('units.renameTitle', { name: unit.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('units.fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function MoveUnitDialog({ unit, onClose }: DialogProps) {
  const { t } = useTranslation();
  const move = useMoveUnit();
  const form = useForm<{ parentId: number | null }>({
    initialValues: { parentId: null },
    validate: { parentId: (value) => (value ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { unit_cycle: 'parentId' });
  const submit = form.onSubmit((values) => {
    if (!values.parentId) return;
    clearError();
    move.mutate(
      { id: unit.id, parentId: values.parentId },
      {
        onSuccess: (moved) => {
          notifySuccess(t('units.moved', { name: moved.name }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  const excluded = unit.parentId === null ? [unit.id] : [unit.id, unit.parentId];
  return (
    <AppModal opened onClose={onClose} title={t('units.moveTitle', { name: unit.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('units.moveIntro')}</Text>
          <UnitPicker
            label={t('units.fields.newParent')}
            value={form.values.parentId}
            onChange={(value) => form.setFieldValue('parentId', value)}
            error={form.errors.parentId}
            excludeIds={excluded}
            required
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={move.isPending}>
              {t('units.actions.move')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function UnitStatusDialog({ unit, onClose }: DialogProps) {
  const { t } = useTranslation();
  const deactivate = useDeactivateUnit();
  const reactivate = useReactivateUnit();
  const mutation = unit.active ? deactivate : reactivate;
  const confirm = () =>
    mutation.mutate(unit.id, {
      onSuccess: (changed) => {
        notifySuccess(
          changed.active
            ? t('units.reactivated', { name: changed.name })
            : t('units.deactivated', { name: changed.name }),
        );
        onClose();
      },
    });
  return (
    <AppModal
      opened
      onClose={onClose}
      title={
        unit.active
          ? t('units.deactivateTitle', { name: unit.name })
          : t('units.reactivateTitle', { name: unit.name })
      }
    >
      <Stack>
        <Text>{unit.active ? t('units.deactivateBody') : t('units.reactivateBody')}</Text>
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={unit.active ? 'red' : 'blue'} onClick={confirm} loading={mutation.isPending}>
            {unit.active ? t('units.actions.deactivate') : t('units.actions.reactivate')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
