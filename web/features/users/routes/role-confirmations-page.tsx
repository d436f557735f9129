import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PendingGrantView } from '../../../../shared/contracts/users.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useConfirmRole, useRoleConfirmations, useWithdrawRole } from '../api/users-api.ts';

/**
 * Case roles waiting for a second person (issue 17): administrators and case coordinators confirm or
 * decline the requests they may decide; the one who asked sees hers and may withdraw it. Which request
 * a caller may decide is the server's (platform/access.ts canConfirmCaseRole).
 */
export function RoleConfirmationsPage() {
  const { t } = useTranslation('role-confirmations');
  usePageTitle(t('title'));
  const list = useRoleConfirmations();
  const confirm = useConfirmRole();
  const withdraw = useWithdrawRole();

  return (
    <Stack maw={1100}>
      <Title order={1}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      <ErrorAlert error={confirm.error ?? withdraw.error} />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('empty')}</Text>
      ) : (
        <ScrollTable label={t('tableLabel')} minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('person')}</Table.Th>
              <Table.Th scope="col">{t('role')}</Table.Th>
              <Table.Th scope="col">{t('unit')}</Table.Th>
              <Table.Th scope="col">{t('requestedBy')}</Table.Th>
              <Table.Th scope="col">{t('requestedAt')}</Table.Th>
              <Table.Th scope="col">{t('actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((item) => (
              <RequestRow
                key={item.id}
                item={item}
                busy={confirm.isPending || withdraw.isPending}
                onConfirm={() =>
                  confirm.mutate(item.id, {
                    onSuccess: () => notifySuccess(t('confirmed', names(item))),
                  })
                }
                onWithdraw={() =>
                  withdraw.mutate(item.id, {
                    onSuccess: () => notifySuccess(item.canConfirm ? t('declined') : t('withdrawn')),
                  })
                }
              />
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );

  function names(item: PendingGrantView) {
    return { name: item.userName, role: t(`roles.${item.role}`), unit: item.unitName };
  }
}

function RequestRow({
  item,
  busy,
  onConfirm,
  onWithdraw,
}: {
  item: PendingGrantView;
  busy: boolean;
  onConfirm: () => void;
  onWithdraw: () => void;
}) {
  const { t } = useTranslation('role-confirmations');
  const format = useFormatters();
  const mine = useFullSession().user.id === item.requestedBy.id;
  const values = { name: item.userName, role: t(`roles.${item.role}`), unit: item.unitName };
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{item.userName}</Text>
        <Text size="sm">{item.userEmail}</Text>
      </Table.Td>
      <Table.Td>{t(`roles.${item.role}`)}</Table.Td>
      <Table.Td>
        {item.unitName} ({item.unitLevel})
      </Table.Td>
      <Table.Td>{item.requestedBy.name}</Table.Td>
      <Table.Td>{format.dateTime(item.requestedAt)}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="wrap">
          {item.canConfirm && (
            <Button size="xs" disabled={busy} onClick={onConfirm} aria-label={t('confirmNamed', values)}>
              {t('confirm')}
            </Button>
          )}
          {item.canConfirm ? (
            <Button
              size="xs"
              variant="outline"
              color="red"
              disabled={busy}
              onClick={onWithdraw}
              aria-label={t('declineNamed', values)}
            >
              {t('decline')}
            </Button>
          ) : (
            <>
              {mine && <Text size="sm">{t('yours')}</Text>}
              {item.canWithdraw && (
                <Button
                  size="xs"
                  variant="outline"
                  color="red"
                  disabled={busy}
                  onClick={onWithdraw}
                  aria-label={t('withdrawNamed', values)}
                >
                  {t('withdraw')}
                </Button>
              )}
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
