import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { UnitDetailsView } from '../../../../shared/contracts/organisation.ts';
import type { UnitView } from '../../../../shared/contracts/units.ts';
import { sectors, type Sector } from '../../../../shared/taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { todayIso } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { paths } from '../../../lib/paths.ts';
import { useMergeUnit, useUpdateUnitDetails } from '../api/unit-details-api.ts';
import { RegionPicker } from './region-picker.tsx';

/** What a unit's level asks for: its region kind and whether it is a workplace (company, sector). */
export interface LevelProfile {
  regionKind: 'province' | 'regency' | null;
  isWorkplace: boolean;
}

/**
 * Level names are configuration (DPP, DPD, DPC, PSP, PA for SPN), so the profile follows the level's
 * position in the configured list: the second level covers a province, the third a regency or city,
 * the fourth and below are workplaces.
 */
export function levelProfile(levels: readonly string[], level: string): LevelProfile {
  const index = levels.indexOf(level);
  if (index === 1) return { regionKind: 'province', isWorkplace: false };
  if (index === 2) return { regionKind: 'regency', isWorkplace: false };
  if (index >= 3) return { regionKind: 'regency', isWorkplace: true };
  return { regionKind: null, isWorkplace: false };
}

interface DetailsValues {
  regionCode: string | null;
  companyName: string;
  sector: '' | Sector;
  disnakerNumber: string;
  foundedOn: string;
}

export function EditUnitDetailsDialog({
  unit,
  details,
  profile,
  parentProvinceCode,
  onClose,
}: {
  unit: UnitView;
  details: UnitDetailsView;
  profile: LevelProfile;
  parentProvinceCode?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateUnitDetails();
  const form = useForm<DetailsValues>({
    initialValues: {
      regionCode: details.regionCode,
      companyName: details.companyName ?? '',
      sector: details.sector ?? '',
      disnakerNumber: details.disnakerNumber ?? '',
      foundedOn: details.foundedOn ?? '',
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    update.mutate(
      {
        id: unit.id,
        ...(profile.regionKind ? { regionCode: values.regionCode } : {}),
        ...(profile.isWorkplace
          ? { companyName: values.companyName.trim() || null, sector: values.sector || null }
          : {}),
        disnakerNumber: values.disnakerNumber.trim() || null,
        foundedOn: values.foundedOn || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('unitPage.details.saved'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('unitPage.details.editTitle', { name: unit.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {profile.regionKind && (
            <RegionPicker
              label={
                profile.regionKind === 'province'
                  ? t('unitPage.fields.province')
                  : t('unitPage.fields.regency')
              }
              description={
                profile.regionKind === 'regency' && parentProvinceCode
                  ? t('unitPage.fields.regencyHint')
                  : undefined
              }
              kind={profile.regionKind}
              provinceCode={profile.regionKind === 'regency' ? parentProvinceCode : undefined}
              value={form.values.regionCode}
              valueLabel={details.regionName}
              onChange={(code) => form.setFieldValue('regionCode', code)}
              error={typeof form.errors.regionCode === 'string' ? form.errors.regionCode : undefined}
            />
          )}
          {profile.isWorkplace && (
            <>
              <TextInput label={t('unitPage.fields.companyName')} {...form.getInputProps('companyName')} />
              <NativeSelect
                label={t('unitPage.fields.sector')}
                data={[
                  { value: '', label: t('unitPage.fields.noSector') },
                  ...sectors.map((sector) => ({ value: sector, label: t(`sector.${sector}`) })),
                ]}
                {...form.getInputProps('sector')}
              />
            </>
          )}
          <TextInput
            label={t('unitPage.fields.disnakerNumber')}
            description={t('unitPage.fields.disnakerHint')}
            {...form.getInputProps('disnakerNumber')}
          />
          <TextInput
            type="date"
            label={t('unitPage.fields.foundedOn')}
            {...form.getInputProps('foundedOn')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function MergeUnitDialog({ unit, onClose }: { unit: UnitView; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const merge = useMergeUnit();
  const form = useForm<{ targetId: number | null; effectiveOn: string }>({
    initialValues: { targetId: null, effectiveOn: todayIso() },
    validate: {
      targetId: (value) => (value ? null : t('validation.required')),
      effectiveOn: (value) => (value ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    const targetId = values.targetId;
    if (!targetId) return;
    clearError();
    merge.mutate(
      { id: unit.id, targetId, effectiveOn: values.effectiveOn },
      {
        onSuccess: () => {
          notifySuccess(t('unitPage.merge.done', { name: unit.name }));
          onClose();
          void navigate(paths.unit(targetId));
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('unitPage.merge.title', { name: unit.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('unitPage.merge.body')}</Text>
          <UnitPicker
            label={t('unitPage.merge.target')}
            value={form.values.targetId}
            onChange={(value) => form.setFieldValue('targetId', value)}
            error={form.errors.targetId}
            excludeIds={[unit.id]}
            required
          />
          <TextInput
            type="date"
            label={t('unitPage.merge.effectiveOn')}
            required
            {...form.getInputProps('effectiveOn')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={merge.isPending}>
              {t('unitPage.merge.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
