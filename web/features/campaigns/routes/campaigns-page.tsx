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
import { useCampaigns, useUnitReach } from '../api/campaigns-api.ts';
import { CampaignDialog } from '../components/campaign-dialogs.tsx';
import { statusColour } from '../components/campaign-format.ts';
import { ReachPanel } from '../components/reach-panel.tsx';

export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  usePageTitle(t('title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const campaigns = useCampaigns();
  const unitReach = useUnitReach();
  const [isCreating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('title')}</Title>
        {campaigns.data?.canCreate && <Button onClick={() => setCreating(true)}>{t('list.add')}</Button>}
      </Group>
      <Text>{t('list.intro')}</Text>
      {campaigns.isPending ? (
        <PageLoader />
      ) : campaigns.isError ? (
        <ErrorAlert error={campaigns.error} />
      ) : campaigns.data.items.length === 0 ? (
        <Text>{t('list.none')}</Text>
      ) : (
        <ScrollTable label={t('list.tableLabel')} minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('list.fields.title')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.unit')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.parent')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.dates')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.activities')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.data.items.map((campaign) => (
              <Table.Tr key={campaign.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.campaign(campaign.id)}>
                    {campaign.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{campaign.ownerUnitName}</Table.Td>
                <Table.Td>{campaign.parentTitle ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {format.date(campaign.startsOn)} – {format.date(campaign.endsOn)}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={statusColour[campaign.status]}>
                    {t(`status.${campaign.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{format.number(campaign.activityCount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {unitReach.data && unitReach.data.activityCount > 0 && (
        <Stack gap={4}>
          <ReachPanel
            total={unitReach.data.reach}
            rows={unitReach.data.byUnit.map((row) => ({
              key: row.unitId,
              label: row.unitName,
              reach: row.reach,
            }))}
          />
          <Text size="sm" c="dimmed">
            {t('list.reachScope', { unit: unitReach.data.unitName, count: unitReach.data.activityCount })}
          </Text>
        </Stack>
      )}
      {isCreating && (
        <CampaignDialog
          onClose={() => setCreating(false)}
          onSaved={(campaign) => void navigate(paths.campaign(campaign.id))}
        />
      )}
    </Stack>
  );
}
