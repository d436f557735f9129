import { Anchor, Group, List, Paper, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useCaseLinks } from '../api/case-links-api.ts';
import { StateBadge } from './case-labels.tsx';

/**
 * "Lapor bersama": other reports that name the same person, linked when a match opened them. The server
 * lists only linked cases the caller can see too, so nothing shows here about a case outside her reach.
 */
export function LinkedCases({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const links = useCaseLinks(caseId);
  if (!links.data || links.data.items.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md" bg="grape.0">
      <Title order={2} size="h4" id={headingId}>
        {t('caseEscrow.linked.title')}
      </Title>
      <Text size="sm" my="xs">
        {t('caseEscrow.linked.intro')}
      </Text>
      <List spacing="xs">
        {links.data.items.map((link) => (
          <List.Item key={link.id}>
            <Group gap="xs" wrap="wrap">
              <Anchor component={Link} to={paths.case(link.id)}>
                {t('cases.caseTitle', { reference: link.reference })}
              </Anchor>
              <StateBadge state={link.state} />
              <Text size="sm">
                {t('caseEscrow.linked.detail', {
                  unit: link.handlingUnit.name,
                  date: format.dateTime(link.linkedAt),
                })}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
