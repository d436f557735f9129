import { Alert, Anchor, Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { campaignMoves } from '../../../../shared/campaign-taxonomies.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useActivityKinds, useCampaign, useMoveCampaign } from '../api/campaigns-api.ts';
import { ActivityDialog, CampaignDialog } from '../components/campaign-dialogs.tsx';
import { statusColour } from '../components/campaign-format.ts';
import { ReachPanel, useReachFormat } from '../components/reach-panel.tsx';

type Dialog = 'edit' | 'child' | 'activity' | null;

export function CampaignPage() {
  const { t } = useTranslation('campaigns');
  const { campaignId } = useParams();
  const format = useFormatters();
  const reachFormat = useReachFormat();
  const navigate = useNavigate();
  const campaign = useCampaign(Number(campaignId));
  const kinds = useActivityKinds();
  const move = useMoveCampaign();
  const [dialog, setDialog] = useState<Dialog>(null);
  usePageTitle(campaign.data?.title ?? t('title'));
  if (campaign.isPending) return <PageLoader />;
  if (campaign.isError) return <ErrorAlert error={campaign.error} />;
  const data = campaign.data;
  const language = currentLanguage();
  const kindLabel = (code: string) =>
    kinds.data?.items.find((kind) => kind.code === code)?.labels[language] ?? code;
  const isOpen = data.status !== 'closed';
  const goal = (value: number | null) => (value === null ? t('campaign.noGoal') : format.number(value));
  return (
    <Stack>
      <Anchor component={Link} to={paths.campaigns} size="sm">
        {t('campaign.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{data.title}</Title>
          <Text c="dimmed" size="sm">
            {data.ownerUnitName} · {format.date(data.startsOn)} – {format.date(data.endsOn)}{' '}
            <Badge variant="light" color={statusColour[data.status]}>
              {t(`status.${data.status}`)}
            </Badge>
          </Text>
          {data.parentId !== null && (
            <Anchor component={Link} to={paths.campaign(data.parentId)} size="sm">
              {t('campaign.parent', { title: data.parentTitle })}
            </Anchor>
          )}
        </div>
        <Group>
          {data.canManage && isOpen && (
            <>
              <Button variant="default" onClick={() => setDialog('edit')}>
                {t('campaign.edit')}
              </Button>
              <Button onClick={() => setDialog('activity')}>{t('campaign.addActivity')}</Button>
            </>
          )}
          {isOpen && (
            <Button variant="light" onClick={() => setDialog('child')}>
              {t('campaign.addChild')}
            </Button>
          )}
          {data.canManage &&
            campaignMoves[data.status].map((status) => (
              <Button
                key={status}
                variant="outline"
                color={status === 'closed' ? 'red' : 'teal'}
                loading={move.isPending}
                title={status === 'closed' ? t('campaign.moveConfirm') : undefined}
                onClick={() =>
                  move.mutate(
                    { campaignId: data.id, status },
                    {
                      onSuccess: () => notifySuccess(t('campaign.moved', { status: t(`status.${status}`) })),
                    },
                  )
                }
              >
                {t(`campaign.move.${status}`)}
              </Button>
            ))}
        </Group>
      </Group>
      {move.isError && <ErrorAlert error={move.error} />}
      {!data.canManage && <Alert color="blue">{t('campaign.seeOnly')}</Alert>}
      {data.theme && <Text>{data.theme}</Text>}
      <List size="sm" listStyleType="none" spacing={2}>
        <List.Item>
          {t('campaign.goals')}:{' '}
          {t('campaign.goalsLine', {
            women: goal(data.goals.women),
            men: goal(data.goals.men),
            units: goal(data.goals.units),
          })}
        </List.Item>
        <List.Item>
          {data.goals.units === null
            ? t('campaign.unitsCoveredNoGoal', { covered: data.unitsCovered })
            : t('campaign.unitsCovered', { covered: data.unitsCovered, goal: data.goals.units })}
        </List.Item>
      </List>

      <ReachPanel
        total={data.reach}
        rows={data.byUnit.map((row) => ({ key: row.unitId, label: row.unitName, reach: row.reach }))}
      />

      <Title order={2} size="h3">
        {t('campaign.children')}
      </Title>
      {data.children.length === 0 ? (
        <Text>{t('campaign.noChildren')}</Text>
      ) : (
        <List>
          {data.children.map((child) => (
            <List.Item key={child.id}>
              <Anchor component={Link} to={paths.campaign(child.id)}>
                {child.title}
              </Anchor>{' '}
              · {child.ownerUnitName} · {t(`status.${child.status}`)}
            </List.Item>
          ))}
        </List>
      )}

      <Title order={2} size="h3">
        {t('campaign.activities')}
      </Title>
      {data.activities.length === 0 ? (
        <Text>{t('campaign.noActivities')}</Text>
      ) : (
        <ScrollTable label={t('campaign.activityTableLabel')} minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('activity.fields.heldOn')}</Table.Th>
              <Table.Th scope="col">{t('activity.fields.title')}</Table.Th>
              <Table.Th scope="col">{t('activity.fields.kind')}</Table.Th>
              <Table.Th scope="col">{t('activity.fields.host')}</Table.Th>
              <Table.Th scope="col">{t('activity.fields.reachMode')}</Table.Th>
              <Table.Th scope="col">{t('reach.columns.reached')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.activities.map((activity) => (
              <Table.Tr key={activity.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(activity.heldOn)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={paths.campaignActivity(activity.id)}>
                    {activity.title}
                  </Anchor>
                  {activity.campaignId !== data.id && (
                    <Text size="sm" c="dimmed">
                      {t('campaign.inSubCampaign', { title: activity.campaignTitle })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{kindLabel(activity.kind)}</Table.Td>
                <Table.Td>{activity.hostUnitName}</Table.Td>
                <Table.Td>{t(`reachMode.${activity.reachMode}`)}</Table.Td>
                <Table.Td>{reachFormat.tally(activity.reached)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}

      <Title order={2} size="h3">
        {t('campaign.days')}
      </Title>
      {data.days.length === 0 ? (
        <Text>{t('campaign.noDays')}</Text>
      ) : (
        <List size="sm">
          {data.days.map((day) => (
            <List.Item key={day.date}>
              <Text span fw={600} size="sm">
                {format.date(day.date)}
              </Text>{' '}
              — {day.theme}
            </List.Item>
          ))}
        </List>
      )}

      {dialog === 'edit' && (
        <CampaignDialog campaign={data} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
      {dialog === 'child' && (
        <CampaignDialog
          parent={data}
          onClose={() => setDialog(null)}
          onSaved={(child) => {
            setDialog(null);
            void navigate(paths.campaign(child.id));
          }}
        />
      )}
      {dialog === 'activity' && (
        <ActivityDialog
          campaign={data}
          onClose={() => setDialog(null)}
          onSaved={(activity) => void navigate(paths.campaignActivity(activity.id))}
        />
      )}
    </Stack>
  );
}
