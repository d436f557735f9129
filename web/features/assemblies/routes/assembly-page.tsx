import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AssemblyDetail } from '../../../../shared/contracts/organisation.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useAssembly } from '../api/assemblies-api.ts';
import {
  AddDelegateDialog,
  CreateAllocationDialog,
  CredentialDialog,
} from '../components/assembly-dialogs.tsx';

type Allocation = AssemblyDetail['allocations'][number];
type Delegate = Allocation['delegates'][number];
type Dialog =
  | { kind: 'allocation' }
  | { kind: 'delegate'; allocation: Allocation }
  | { kind: 'credential'; delegate: Delegate };

const credentialColour = { submitted: 'blue', returned: 'red', accepted: 'teal' } as const;

export function AssemblyPage() {
  const { t } = useTranslation();
  const { assemblyId } = useParams();
  const format = useFormatters();
  const canManage = useFullSession().capabilities.manageUnits;
  const assembly = useAssembly(Number(assemblyId));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  usePageTitle(assembly.data?.name ?? t('assemblies.title'));
  if (assembly.isPending) return <PageLoader />;
  if (assembly.isError) return <ErrorAlert error={assembly.error} />;
  const data = assembly.data;
  const close = () => setDialog(null);

  return (
    <Stack>
      <Anchor component={Link} to={paths.assemblies} size="sm">
        {t('assemblies.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{data.name}</Title>
          <Text c="dimmed" size="sm">
            {t(`assemblyKind.${data.kind}`)} · {data.unitName} · {format.date(data.startsOn)}
            {data.endsOn ? ` – ${format.date(data.endsOn)}` : ''}
          </Text>
          <Anchor component={Link} to={paths.assemblyCredentials(data.id)} size="sm">
            {t('quota.credentials.link')}
          </Anchor>
        </div>
        {canManage && (
          <Button onClick={() => setDialog({ kind: 'allocation' })}>{t('assemblies.addAllocation')}</Button>
        )}
      </Group>
      <Title order={2} size="h3">
        {t('assemblies.allocations')}
      </Title>
      {data.allocations.length === 0 ? (
        <Text>{t('assemblies.noAllocations')}</Text>
      ) : (
        data.allocations.map((allocation) => {
          const women = allocation.delegates.filter((delegate) => delegate.sex === 'P').length;
          const headingId = `allocation-${allocation.id}`;
          return (
            <Card key={allocation.id} withBorder component="section" aria-labelledby={headingId}>
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Title order={3} size="h4" id={headingId}>
                      {allocation.unitName} · {t(`delegationCategory.${allocation.category}`)}
                    </Title>
                    <Text size="sm">
                      {t('assemblies.allocationSummary', {
                        seats: allocation.seats,
                        delegates: allocation.delegates.length,
                        women,
                      })}
                    </Text>
                  </div>
                  {canManage && (
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => setDialog({ kind: 'delegate', allocation })}
                    >
                      {t('assemblies.addDelegate')}
                    </Button>
                  )}
                </Group>
                {allocation.delegates.length === 0 ? (
                  <Text size="sm">{t('assemblies.noDelegates')}</Text>
                ) : (
                  <ScrollTable
                    label={t('assemblies.delegatesOf', { unit: allocation.unitName })}
                    minWidth={640}
                  >
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('members.fields.fullName')}</Table.Th>
                        <Table.Th scope="col">{t('members.fields.memberNumber')}</Table.Th>
                        <Table.Th scope="col">{t('members.fields.sex')}</Table.Th>
                        <Table.Th scope="col">{t('assemblies.fields.credentialStatus')}</Table.Th>
                        <Table.Th scope="col">{t('assemblies.fields.note')}</Table.Th>
                        {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {allocation.delegates.map((delegate) => (
                        <Table.Tr key={delegate.id}>
                          <Table.Td>
                            {delegate.memberName === null ? (
                              <Text c="dimmed" size="sm">
                                {t('common.hiddenName')}
                              </Text>
                            ) : (
                              <Anchor component={Link} to={paths.member(delegate.memberId)}>
                                {delegate.memberName}
                              </Anchor>
                            )}
                          </Table.Td>
                          <Table.Td>{delegate.memberNumber ?? '—'}</Table.Td>
                          <Table.Td>{t(`sex.${delegate.sex ?? 'unknown'}`)}</Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={credentialColour[delegate.credentialStatus]}>
                              {t(`credentialStatus.${delegate.credentialStatus}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>{delegate.note ?? '—'}</Table.Td>
                          {canManage && (
                            <Table.Td>
                              <Button
                                variant="subtle"
                                size="xs"
                                onClick={() => setDialog({ kind: 'credential', delegate })}
                                aria-label={t('assemblies.credentialNamed', {
                                  name: delegate.memberName ?? t('common.hiddenName'),
                                })}
                              >
                                {t('assemblies.changeCredential')}
                              </Button>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </ScrollTable>
                )}
              </Stack>
            </Card>
          );
        })
      )}
      {dialog?.kind === 'allocation' && <CreateAllocationDialog assembly={data} onClose={close} />}
      {dialog?.kind === 'delegate' && <AddDelegateDialog allocation={dialog.allocation} onClose={close} />}
      {dialog?.kind === 'credential' && <CredentialDialog delegate={dialog.delegate} onClose={close} />}
    </Stack>
  );
}
