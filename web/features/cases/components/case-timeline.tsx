import { Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CaseDetail, timelineEntry } from '../../../../shared/contracts/cases.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useAccessLog } from '../api/case-access-log-api.ts';

type TimelineEntry = z.infer<typeof timelineEntry>;
type FactValue = TimelineEntry['facts'][string];

/** Which label list a coded fact's value comes from; some keys depend on the kind of entry. */
const factLists: Record<string, string> = {
  from: 'states',
  to: 'states',
  state: 'states',
  role: 'caseRoles',
  service: 'services',
  route: 'consentRoutes',
  kind: 'measureKinds',
  closingReason: 'closingReasons',
  outcome: 'outcomes',
  part: 'parts',
  channel: 'channels',
  item: 'rightsItems',
  routing: 'routingReasons',
};
const statusLists: Record<string, string> = {
  consent: 'consentStatuses',
  referral: 'referralStatuses',
  referral_update: 'referralStatuses',
  measure: 'measureStatuses',
  measure_update: 'measureStatuses',
  ethics: 'ethicsStatuses',
};
/** Internal identifiers mean nothing to a reader (the unit and the person are named elsewhere). */
const hiddenFacts = new Set(['userId', 'handlingUnitId']);

function listFor(kind: string, key: string): string | undefined {
  if (key === 'status') return statusLists[kind];
  // A file comes from the reporter or the team, not from a state.
  if (key === 'from' && kind === 'file') return 'messages.from';
  return factLists[key];
}

/** A label of the cases texts, else of a feature's own texts (escrow: `caseEscrow.*`), else undefined. */
const labelOf = (t: TFunction, exists: (key: string) => boolean, key: string): string | undefined =>
  exists(`cases.${key}`)
    ? t(`cases.${key}`)
    : exists(`caseEscrow.${key}`)
      ? t(`caseEscrow.${key}`)
      : undefined;

/** Coded facts of a timeline entry in words: known keys and codes are translated, others shown as is. */
export function describeFacts(t: TFunction, exists: (key: string) => boolean, entry: TimelineEntry): string {
  const value = (key: string, raw: FactValue): string => {
    if (raw === null) return '—';
    if (typeof raw === 'boolean') return raw ? t('cases.yes') : t('cases.no');
    const list = listFor(entry.kind, key);
    return (list && labelOf(t, exists, `${list}.${raw}`)) || String(raw);
  };
  return Object.entries(entry.facts)
    .filter(([key]) => !hiddenFacts.has(key))
    .map(([key, raw]) => {
      const name = labelOf(t, exists, `factKeys.${key}`) ?? key;
      return `${name}: ${value(key, raw)}`;
    })
    .join(' · ');
}

/** `reporter` and `system` entries have no person behind them. */
export const actorLabel = (t: TFunction, exists: (key: string) => boolean, actor: string) =>
  exists(`cases.actors.${actor}`) ? t(`cases.actors.${actor}`) : actor;

export const timelineKindLabel = (t: TFunction, exists: (key: string) => boolean, kind: string) =>
  labelOf(t, exists, `timelineKinds.${kind}`) ?? kind;

/** Everything that happened to the case, oldest first: who, when, what (coded) and why. */
export function TimelineSection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const exists = (key: string) => i18n.exists(key);
  const entries = [...detail.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Stack component="section" aria-labelledby="case-timeline">
      <Title order={2} size="h3" id="case-timeline">
        {t('cases.sections.timeline')}
      </Title>
      {entries.length === 0 ? (
        <Text>{t('cases.timeline.none')}</Text>
      ) : (
        <ScrollTable label={t('cases.sections.timeline')} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.timeline.at')}</Table.Th>
              <Table.Th scope="col">{t('cases.timeline.kind')}</Table.Th>
              <Table.Th scope="col">{t('cases.timeline.actor')}</Table.Th>
              <Table.Th scope="col">{t('cases.timeline.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => {
              const facts = describeFacts(t, exists, entry);
              return (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(entry.at)}</Table.Td>
                  <Table.Td>{timelineKindLabel(t, exists, entry.kind)}</Table.Td>
                  <Table.Td>{actorLabel(t, exists, entry.actor)}</Table.Td>
                  <Table.Td>
                    {facts && <Text size="sm">{facts}</Text>}
                    {entry.text && <pre className="setara-pre">{entry.text}</pre>}
                    {!facts && !entry.text && '—'}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Who read which part of the case, and when (every read of case content is logged). */
export function AccessLogSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const log = useAccessLog(caseId);
  return (
    <Stack component="section" aria-labelledby="case-access-log">
      <Title order={2} size="h3" id="case-access-log">
        {t('cases.sections.accessLog')}
      </Title>
      <Text size="sm">{t('cases.accessLog.intro')}</Text>
      {log.isPending ? (
        <PageLoader />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : log.data.items.length === 0 ? (
        <Text>{t('cases.accessLog.none')}</Text>
      ) : (
        <ScrollTable label={t('cases.sections.accessLog')} minWidth={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.accessLog.at')}</Table.Th>
              <Table.Th scope="col">{t('cases.accessLog.user')}</Table.Th>
              <Table.Th scope="col">{t('cases.accessLog.part')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.items.map((item, index) => (
              <Table.Tr key={`${item.at}-${item.user.id}-${item.part}-${index}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(item.at)}</Table.Td>
                <Table.Td>{item.user.name}</Table.Td>
                <Table.Td>{t(`cases.parts.${item.part}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
