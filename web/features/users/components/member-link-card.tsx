import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/contracts/users.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useUpdateUser } from '../api/users-api.ts';

/** The server's limit for a member number (shared/contracts/users.ts). */
const maxNumberLength = 40;

/**
 * Links a staff account to its member record, or unlinks it. The cases module reads the link to keep
 * people out of cases that concern them and to honour a survivor's request for a same-gender handler.
 */
export function MemberLinkCard({ user }: { user: UserView }) {
  const { t } = useTranslation();
  // The number being unlinked is kept here: once the unlink lands, `user.member` is already null while
  // the dialog finishes. Both mutations live in this card (not in the form or dialog, which unmount when
  // the link changes) so that their success callbacks still run.
  const [unlinking, setUnlinking] = useState<string | null>(null);
  const link = useUpdateUser();
  const unlink = useUpdateUser();

  return (
    <Card withBorder component="section" aria-labelledby="member-link-heading">
      <Title order={2} size="h3" id="member-link-heading" mb="xs">
        {t('users.member.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('users.member.why')}
      </Text>
      {user.member ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs" m={0}>
            <div>
              <Text component="dt" size="sm" fw={700}>
                {t('users.member.number')}
              </Text>
              <Text component="dd" m={0}>
                {user.member.number}
              </Text>
            </div>
            <div>
              <Text component="dt" size="sm" fw={700}>
                {t('users.member.name')}
              </Text>
              <Text component="dd" m={0}>
                {user.member.name}
              </Text>
            </div>
          </SimpleGrid>
          <Group mt="md">
            <Button variant="outline" color="red" onClick={() => setUnlinking(user.member?.number ?? null)}>
              {t('users.member.unlink')}
            </Button>
          </Group>
        </>
      ) : (
        <>
          <Text mb="sm">{t('users.member.none')}</Text>
          <LinkMemberForm userId={user.id} update={link} />
        </>
      )}
      {unlinking !== null && (
        <UnlinkDialog
          user={user}
          memberNumber={unlinking}
          update={unlink}
          onClose={() => {
            unlink.reset();
            setUnlinking(null);
          }}
        />
      )}
    </Card>
  );
}

type UpdateMutation = ReturnType<typeof useUpdateUser>;

function LinkMemberForm({ userId, update }: { userId: string; update: UpdateMutation }) {
  const { t } = useTranslation();
  const form = useForm<{ memberNumber: string }>({
    initialValues: { memberNumber: '' },
    validate: {
      memberNumber: (value) =>
        !value.trim()
          ? t('validation.required')
          : value.trim().length > maxNumberLength
            ? t('users.member.numberTooLong')
            : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);

  const submit = form.onSubmit((values) => {
    clearError();
    update.mutate(
      { id: userId, memberNumber: values.memberNumber.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('users.member.linked'));
          form.reset();
        },
        onError: (cause) => {
          handleError(cause);
          // The form already rules out malformed numbers, so a field error from the server means the
          // number is unknown in the admin's area (validation_failed) or taken by another account.
          if (isApiError(cause) && cause.fields.some((field) => field.path === 'memberNumber'))
            form.setFieldError(
              'memberNumber',
              cause.code === 'conflict' ? t('users.member.alreadyLinked') : t('users.member.unknownNumber'),
            );
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="member-link-heading">
      <Stack>
        <TextInput
          label={t('users.member.number')}
          description={t('users.member.numberHint')}
          autoComplete="off"
          required
          {...form.getInputProps('memberNumber')}
        />
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('users.member.link')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UnlinkDialog({
  user,
  memberNumber,
  update,
  onClose,
}: {
  user: UserView;
  memberNumber: string;
  update: UpdateMutation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened onClose={onClose} title={t('users.member.unlinkTitle')}>
      <Stack>
        <Text>{t('users.member.unlinkBody', { name: user.displayName, number: memberNumber })}</Text>
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: user.id, memberNumber: null },
                {
                  onSuccess: () => {
                    notifySuccess(t('users.member.unlinked'));
                    onClose();
                  },
                },
              )
            }
          >
            {t('users.member.unlink')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
