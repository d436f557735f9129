import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useAgreements } from '../api/agreements-api.ts';
import { AgreementDialog } from '../components/agreement-dialog.tsx';
import { agreementStatusColour } from '../components/agreement-format.ts';

/** The agreements of the PSPs in the viewer's subtree, the soonest ending first. */
export function AgreementsPage() {
  const { t } = useTranslation('agreements');
  usePageTitle(t('title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const agreements = useAgreements();
  const [isCreating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('title')}</Title>
        <Group>
          <Anchor component={Link} to={paths.agreementChecklist}>
            {t('list.checklistLink')}
          </Anchor>
          {agreements.data?.canCreate && <Button onClick={() => setCreating(true)}>{t('list.add')}</Button>}
        </Group>
      </Group>
      <Text>{t('list.intro')}</Text>
      {agreements.isPending ? (
        <PageLoader />
      ) : agreements.isError ? (
        <ErrorAlert error={agreements.error} />
      ) : agreements.data.items.length === 0 ? (
        <Text>{t('list.none')}</Text>
      ) : (
        <ScrollTable label={t('list.tableLabel')} minWidth={820}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('list.fields.psp')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.company')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.kind')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.ends')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.coding')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agreements.data.items.map((agreement) => (
              <Table.Tr key={agreement.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.agreement(agreement.id)}>
                    {agreement.unitName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{agreement.companyName}</Table.Td>
                <Table.Td>{t(`kinds.${agreement.kind}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {format.date(agreement.extendedUntil ?? agreement.endsOn)}
                  {agreement.expiringSoon && (
                    <div>
                      <Badge variant="light" color="orange">
                        {t('list.expiringSoon')}
                      </Badge>
                    </div>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={agreementStatusColour[agreement.statusToday]}>
                    {t(`status.${agreement.statusToday}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {t('list.coding', {
                    yes: format.number(agreement.counts.yes),
                    partial: format.number(agreement.counts.partial),
                    no: format.number(agreement.counts.no),
                    notCoded: format.number(agreement.counts.not_coded),
                  })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {isCreating && (
        <AgreementDialog
          onClose={() => setCreating(false)}
          onSaved={(agreement) => void navigate(paths.agreement(agreement.id))}
        />
      )}
    </Stack>
  );
}
