import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GrantView } from '../../../../shared/contracts/auth.ts';
import type { UserView } from '../../../../shared/contracts/users.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import {
  useConfirmRole,
  useResetUserPassword,
  useRevokeGrant,
  useUpdateUser,
  useUser,
  useWithdrawRole,
} from '../api/users-api.ts';
import { GrantRoleForm } from '../components/grant-role-form.tsx';
import { MemberLinkCard } from '../components/member-link-card.tsx';

export function UserDetailPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const user = useUser(userId);
  usePageTitle(user.data?.displayName ?? t('users.title'));

  return (
    <Stack maw={960}>
      <Anchor component={Link} to={paths.users}>
        {t('users.back')}
      </Anchor>
      {user.isPending ? (
        <PageLoader />
      ) : user.isError ? (
        <>
          <Title order={1}>{t('users.title')}</Title>
          <ErrorAlert error={user.error} />
        </>
      ) : (
        <UserDetail user={user.data} />
      )}
    </Stack>
  );
}

type PendingAction = { kind: 'reset' } | { kind: 'status' } | { kind: 'revoke'; grant: GrantView };

function UserDetail({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const session = useFullSession();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const isSelf = session.user.id === user.id;

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{user.displayName}</Title>
          <Text>{user.email}</Text>
        </Stack>
        <Group gap="xs">
          <Badge color={user.active ? 'teal' : 'gray'} variant="filled">
            {user.active ? t('users.active') : t('users.inactive')}
          </Badge>
          <Badge color={user.totpEnabled ? 'blue' : 'gray'} variant="light">
            {user.totpEnabled ? t('users.totpOn') : t('users.totpOff')}
          </Badge>
        </Group>
      </Group>

      <Card withBorder component="section" aria-labelledby="user-details-heading">
        <Title order={2} size="h3" id="user-details-heading" mb="sm">
          {t('users.details')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs" m={0}>
          <Detail term={t('users.fields.homeUnit')} value={user.homeUnitName} />
          <Detail term={t('fields.language')} value={t(`language.names.${user.language}`)} />
          <Detail term={t('users.fields.createdAt')} value={format.dateTime(user.createdAt)} />
          <Detail
            term={t('users.fields.lastLoginAt')}
            value={user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('users.never')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button variant="default" onClick={() => setPending({ kind: 'reset' })}>
            {t('users.resetPassword')}
          </Button>
          {!isSelf && (
            <Button
              variant="outline"
              color={user.active ? 'red' : 'blue'}
              onClick={() => setPending({ kind: 'status' })}
            >
              {user.active ? t('users.deactivate') : t('users.reactivate')}
            </Button>
          )}
        </Group>
      </Card>

      <MemberLinkCard user={user} />

      <Card withBorder component="section" aria-labelledby="grants-heading">
        <Title order={2} size="h3" id="grants-heading" mb="sm">
          {t('users.grants.title')}
        </Title>
        {user.grants.length === 0 ? (
          <Text>{t('users.noRoles')}</Text>
        ) : (
          <ScrollTable label={t('users.grants.tableLabel')} minWidth={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.grants.role')}</Table.Th>
                <Table.Th scope="col">{t('users.grants.unit')}</Table.Th>
                <Table.Th scope="col">
                  <span className="setara-visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {user.grants.map((grant) => (
                <Table.Tr key={grant.id}>
                  <Table.Td>{t(`roles.${grant.role}`)}</Table.Td>
                  <Table.Td>
                    {grant.unitName} ({grant.unitLevel})
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="outline"
                      color="red"
                      onClick={() => setPending({ kind: 'revoke', grant })}
                      aria-label={t('users.grants.revokeNamed', {
                        role: t(`roles.${grant.role}`),
                        unit: grant.unitName,
                      })}
                    >
                      {t('users.grants.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        {user.pendingGrants.length > 0 && <PendingGrants user={user} />}
        <Title order={3} size="h4" id="grant-role-heading" mt="lg" mb="xs">
          {t('users.grants.add')}
        </Title>
        <GrantRoleForm userId={user.id} />
      </Card>

      {pending?.kind === 'reset' && <ResetPasswordDialog user={user} onClose={() => setPending(null)} />}
      {pending?.kind === 'status' && <StatusDialog user={user} onClose={() => setPending(null)} />}
      {pending?.kind === 'revoke' && (
        <RevokeDialog user={user} grant={pending.grant} onClose={() => setPending(null)} />
      )}
    </>
  );
}

/** Case roles asked for and not yet in effect: a second person confirms them (issue 17). */
function PendingGrants({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const confirm = useConfirmRole();
  const withdraw = useWithdrawRole();
  const busy = confirm.isPending || withdraw.isPending;
  return (
    <Stack gap="xs" mt="lg">
      <Title order={3} size="h4">
        {t('users.pending.title')}
      </Title>
      <Text size="sm">{t('users.pending.intro')}</Text>
      <ErrorAlert error={confirm.error ?? withdraw.error} />
      <ScrollTable label={t('users.pending.tableLabel')} minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.grants.role')}</Table.Th>
            <Table.Th scope="col">{t('users.grants.unit')}</Table.Th>
            <Table.Th scope="col">{t('users.pending.requestedBy')}</Table.Th>
            <Table.Th scope="col">
              <span className="setara-visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {user.pendingGrants.map((item) => {
            const values = { role: t(`roles.${item.role}`), unit: item.unitName };
            return (
              <Table.Tr key={item.id}>
                <Table.Td>
                  {t(`roles.${item.role}`)}{' '}
                  <Badge color="yellow" variant="light">
                    {t('users.pending.waiting')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {item.unitName} ({item.unitLevel})
                </Table.Td>
                <Table.Td>
                  {item.requestedBy.name}, {format.dateTime(item.requestedAt)}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    {item.canConfirm && (
                      <Button
                        size="xs"
                        disabled={busy}
                        aria-label={t('users.pending.confirmNamed', values)}
                        onClick={() =>
                          confirm.mutate(item.id, {
                            onSuccess: () => notifySuccess(t('users.pending.confirmed')),
                          })
                        }
                      >
                        {t('users.pending.confirm')}
                      </Button>
                    )}
                    {(item.canWithdraw || item.canConfirm) && (
                      <Button
                        size="xs"
                        variant="outline"
                        color="red"
                        disabled={busy}
                        aria-label={t('users.pending.withdrawNamed', values)}
                        onClick={() =>
                          withdraw.mutate(item.id, {
                            onSuccess: () => notifySuccess(t('users.pending.withdrawn')),
                          })
                        }
                      >
                        {t('users.pending.withdraw')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

function Detail({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {term}
      </Text>
      <Text component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetUserPassword();
  return (
    <AppModal opened onClose={onClose} title={t('users.resetTitle', { name: user.displayName })}>
      <Stack>
        <Text>{t('users.resetBody', { email: user.email })}</Text>
        <ErrorAlert error={reset.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={reset.isPending}
            onClick={() =>
              reset.mutate(user.id, {
                onSuccess: () => {
                  notifySuccess(t('users.resetSent', { email: user.email }));
                  onClose();
                },
              })
            }
          >
            {t('users.resetPassword')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function StatusDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  return (
    <AppModal
      opened
      onClose={onClose}
      title={
        user.active
          ? t('users.deactivateTitle', { name: user.displayName })
          : t('users.reactivateTitle', { name: user.displayName })
      }
    >
      <Stack>
        <Text>{user.active ? t('users.deactivateBody') : t('users.reactivateBody')}</Text>
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={user.active ? 'red' : 'blue'}
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: user.id, active: !user.active },
                {
                  onSuccess: (changed) => {
                    notifySuccess(changed.active ? t('users.reactivated') : t('users.deactivated'));
                    onClose();
                  },
                },
              )
            }
          >
            {user.active ? t('users.deactivate') : t('users.reactivate')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function RevokeDialog({ user, grant, onClose }: { user: UserView; grant: GrantView; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeGrant();
  return (
    <AppModal opened onClose={onClose} title={t('users.grants.revokeTitle')}>
      <Stack>
        <Text>
          {t('users.grants.revokeBody', {
            role: t(`roles.${grant.role}`),
            unit: grant.unitName,
            name: user.displayName,
          })}
        </Text>
        <ErrorAlert error={revoke.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() =>
              revoke.mutate(
                { userId: user.id, grantId: grant.id },
                {
                  onSuccess: () => {
                    notifySuccess(t('users.grants.revoked'));
                    onClose();
                  },
                },
              )
            }
          >
            {t('users.grants.revoke')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
