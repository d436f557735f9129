import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BodyView } from '../../../../shared/contracts/organisation.ts';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

type Position = BodyView['positions'][number];
type Appointment = Position['holders'][number];

export interface BodyActions {
  editBody: (body: BodyView) => void;
  addPosition: (body: BodyView) => void;
  appoint: (body: BodyView, position: Position) => void;
  endAppointment: (position: Position, appointment: Appointment) => void;
}

/**
 * One body (board, committee…) with its positions, who holds each seat today and which seats are vacant.
 * Vacant seats are always shown as rows of their own, so an empty seat is never mistaken for a missing
 * record. `actions` is absent when the user may not change bodies.
 */
export function BodyCard({ body, actions }: { body: BodyView; actions?: BodyActions }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = `body-${body.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4" id={headingId}>
              {body.name}
            </Title>
            <Group gap="xs" mt={4}>
              <Badge variant="light" color="blue">
                {t(`bodyKind.${body.kind}`)}
              </Badge>
              {!body.active && (
                <Badge variant="filled" color="gray">
                  {t('units.inactive')}
                </Badge>
              )}
              <Text size="sm" data-testid={`body-${body.id}-summary`}>
                {t('bodies.summary', { filled: body.filledSeats, vacant: body.vacantSeats })}
                {body.statutorySeats !== null &&
                  ` · ${t('bodies.statutory', { seats: body.statutorySeats })}`}
              </Text>
              <Anchor component={Link} to={paths.bodyQuota(body.id)} size="sm">
                {t('quota.panel.title')}
              </Anchor>
            </Group>
          </div>
          {actions && (
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                onClick={() => actions.editBody(body)}
                aria-label={t('bodies.editNamed', { name: body.name })}
              >
                {t('bodies.editBody')}
              </Button>
              <Button variant="default" size="xs" onClick={() => actions.addPosition(body)}>
                {t('bodies.addPosition')}
              </Button>
            </Group>
          )}
        </Group>
        {body.positions.length === 0 ? (
          <Text size="sm">{t('bodies.noPositions')}</Text>
        ) : (
          <ScrollTable label={t('bodies.tableLabel', { name: body.name })} minWidth={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('bodies.fields.position')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.holder')}</Table.Th>
                <Table.Th scope="col">{t('members.fields.sex')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.term')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.basis')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.decreeNumber')}</Table.Th>
                {actions && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {body.positions.map((position) => {
                const rows = position.holders.length + (position.vacantSeats > 0 ? 1 : 0);
                const positionCell = (
                  <Table.Th scope="row" rowSpan={Math.max(rows, 1)} fw={600} style={{ verticalAlign: 'top' }}>
                    {position.title}
                    <Text size="xs" c="dimmed" fw={400}>
                      {t(`positionCategory.${position.category}`)} ·{' '}
                      {t('bodies.seats', { seats: position.seats })}
                    </Text>
                  </Table.Th>
                );
                return (
                  <Fragment key={position.id}>
                    {position.holders.map((holder, index) => (
                      <Table.Tr key={holder.id}>
                        {index === 0 && positionCell}
                        <Table.Td>
                          <Anchor component={Link} to={paths.member(holder.memberId)}>
                            {holder.memberName}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {holder.memberNumber}
                          </Text>
                          {holder.leftOn && (
                            <Badge color="orange" variant="light" mt={4} style={{ whiteSpace: 'normal' }}>
                              {t('bodies.holderLeft', { date: format.date(holder.leftOn) })}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{t(`sex.${holder.sex ?? 'unknown'}`)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {format.date(holder.termStart)} –{' '}
                          {holder.termEnd ? format.date(holder.termEnd) : t('bodies.ongoing')}
                        </Table.Td>
                        <Table.Td>
                          {holder.basis === 'acting' ? (
                            <Badge color="grape" variant="light" title={t('bodies.actingHint')}>
                              {t('basis.acting')}
                            </Badge>
                          ) : (
                            t(`basis.${holder.basis}`)
                          )}
                        </Table.Td>
                        <Table.Td>{holder.decreeNumber ?? '—'}</Table.Td>
                        {actions && (
                          <Table.Td>
                            <Button
                              variant="subtle"
                              size="xs"
                              onClick={() => actions.endAppointment(position, holder)}
                              aria-label={t('bodies.endNamed', {
                                name: holder.memberName,
                                position: position.title,
                              })}
                            >
                              {t('bodies.end')}
                            </Button>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                    {position.vacantSeats > 0 && (
                      <Table.Tr data-vacant="true">
                        {position.holders.length === 0 && positionCell}
                        <Table.Td colSpan={5}>
                          <Badge color="red" variant="light">
                            {t('bodies.vacant')}
                          </Badge>{' '}
                          <Text span size="sm">
                            {t('bodies.vacantSeats', { count: position.vacantSeats })}
                          </Text>
                        </Table.Td>
                        {actions && (
                          <Table.Td>
                            <Button
                              variant="light"
                              size="xs"
                              onClick={() => actions.appoint(body, position)}
                              aria-label={t('bodies.appointNamed', { position: position.title })}
                            >
                              {t('bodies.appoint')}
                            </Button>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Stack>
    </Card>
  );
}
