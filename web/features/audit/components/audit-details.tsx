import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "fromUnitId" → "from unit id": a readable fallback for a detail no label names yet. */
const humanise = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();

/**
 * An audit entry's details as labelled lines in the reader's language instead of raw JSON: each key
 * under `audit.detailKeys` (a new module's key reads as words), yes/no for flags, lists joined, nested
 * objects as their own lines. The codes stay in the values, where an officer searching them needs them.
 */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`audit.detailKeys.${key}`, { defaultValue: humanise(key) });
  const value = (item: unknown): string => {
    if (item === null || item === undefined || item === '') return '—';
    if (typeof item === 'boolean') return item ? t('audit.yes') : t('audit.no');
    if (Array.isArray(item)) return item.length === 0 ? '—' : item.map(value).join(', ');
    if (typeof item === 'object')
      return Object.entries(item as Record<string, unknown>)
        .filter(([, nested]) => nested !== undefined)
        .map(([key, nested]) => `${label(key)}: ${value(nested)}`)
        .join('; ');
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'bigint') return String(item);
    return JSON.stringify(item);
  };
  const entries = Object.entries(details).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return <>—</>;
  return (
    <List size="sm" listStyleType="none" spacing={2} maw={360}>
      {entries.map(([key, item]) => (
        <List.Item key={key}>
          <Text span size="sm" fw={500}>
            {label(key)}:
          </Text>{' '}
          <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
            {value(item)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
