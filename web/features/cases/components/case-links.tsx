import { Alert, Anchor, Group, List, Text } from '@mantine/core';
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
  const links = useCaseLinks(caseId);
  if (!links.data || links.data.items.length === 0) return null;
  return (
    <Alert color="grape" variant="light" title={t('caseEscrow.linked.title')} component="section">
      <Text size="sm" mb="xs">
        {t('caseEscrow.linked.intro')}
      </Text>
      <List spacing="xs" aria-label={t('caseEscrow.linked.title')}>
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
    </Alert>
  );
}
