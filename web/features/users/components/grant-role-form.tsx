import { Alert, Button, Group, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useGrantRole } from '../api/users-api.ts';

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** Grants a role at a unit; the role then covers that unit and everything below it. */
export function GrantRoleForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const grant = useGrantRole();
  const form = useForm<{ role: Role | ''; unitId: number | null }>({
    initialValues: { role: '', unitId: null },
    validate: {
      role: (value) => (value ? null : t('validation.required')),
      unitId: (value) => (value ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { grant_not_allowed: 'role' });
  // A case role granted to a member who has not completed its class (competency gate, warn mode).
  const [missingTracks, setMissingTracks] = useState<string[]>([]);

  const submit = form.onSubmit((values) => {
    if (!values.role || !values.unitId) return;
    clearError();
    setMissingTracks([]);
    grant.mutate(
      { userId, role: values.role, unitId: values.unitId },
      {
        onSuccess: (result) => {
          setMissingTracks(result.warnings.flatMap((warning) => warning.tracks));
          notifySuccess(
            result.outcome === 'pending' ? t('users.grants.pendingNotice') : t('users.grants.granted'),
          );
          form.setFieldValue('role', '');
        },
        onError: handleError,
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="grant-role-heading">
      <Stack>
        <NativeSelect
          label={t('users.grants.role')}
          required
          data={[
            { value: '', label: t('users.grants.chooseRole') },
            ...roles.map((role) => ({ value: role, label: t(`roles.${role}`) })),
          ]}
          value={form.values.role}
          onChange={(event) => {
            const value = event.currentTarget.value;
            form.setFieldValue('role', isRole(value) ? value : '');
          }}
          error={form.errors.role}
        />
        <UnitPicker
          label={t('users.grants.unit')}
          description={t('users.grants.unitHint')}
          value={form.values.unitId}
          onChange={(value) => form.setFieldValue('unitId', value)}
          error={form.errors.unitId}
          required
        />
        <ErrorAlert error={error} />
        {missingTracks.length > 0 && (
          <Alert color="yellow" title={t('users.grants.competencyTitle')}>
            {t('users.grants.competencyMissing', {
              classes: missingTracks
                .map((track) => t(`users.grants.competencyTracks.${track}`, track))
                .join(', '),
            })}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={grant.isPending}>
            {t('users.grants.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
