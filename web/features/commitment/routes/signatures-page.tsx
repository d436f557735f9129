import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureView } from '../../../../shared/contracts/commitment.ts';
import {
  signatureKinds,
  signatureStatuses,
  type SignatureKind,
  type SignatureStatus,
} from '../../../../shared/commitment-taxonomies.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useDecideSignature, useSignatures, useVersions } from '../api/commitment-api.ts';
import { PaperListDialog } from '../components/paper-list-dialog.tsx';
import { CreateSignatureDialog, HistoryDialog, InvalidateDialog } from '../components/signature-dialogs.tsx';

const PAGE = 50;
const statusColour: Record<SignatureStatus, string> = {
  pending: 'yellow',
  valid: 'teal',
  invalidated: 'red',
  withdrawn: 'gray',
  superseded: 'orange',
};

/** Who signed, as staff in scope may see it. */
function signatoryOf(signature: SignatureView): string {
  if (signature.kind === 'member') return `${signature.name ?? ''} (${signature.memberNumber ?? ''})`;
  if (signature.kind === 'person')
    return signature.organisation
      ? `${signature.name ?? ''}, ${signature.organisation}`
      : (signature.name ?? '');
  if (signature.kind === 'psp_company') return `${signature.unitName} + ${signature.companyName ?? ''}`;
  return signature.unitName;
}

/** Signatures in the caller's scope, filtered; staff entry, confirmation, invalidation and history. */
export function SignaturesPage() {
  const { t } = useTranslation('commitment');
  usePageTitle(t('signatures.title'));
  const format = useFormatters();
  const versions = useVersions();
  const [versionId, setVersionId] = useState('');
  const [status, setStatus] = useState<SignatureStatus | ''>('');
  const [kind, setKind] = useState<SignatureKind | ''>('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  const [dialog, setDialog] = useState<
    | { kind: 'create' }
    | { kind: 'paper' }
    | { kind: 'invalidate'; id: string }
    | { kind: 'history'; id: string }
    | null
  >(null);
  const decide = useDecideSignature();
  const signatures = useSignatures({
    versionId: versionId ? Number(versionId) : undefined,
    status: status || undefined,
    kind: kind || undefined,
    q: q || undefined,
    limit: PAGE,
    offset,
  });
  const all = { value: '', label: t('signatures.filters.all') };
  const resetting =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setOffset(0);
    };
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('signatures.title')}</Title>
        <Group>
          <Button variant="light" onClick={() => setDialog({ kind: 'paper' })}>
            {t('paper.add')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'create' })}>{t('signatures.add')}</Button>
        </Group>
      </Group>
      <Text>{t('signatures.intro')}</Text>
      <Group align="flex-end">
        <NativeSelect
          label={t('signatures.filters.version')}
          value={versionId}
          onChange={(event) => resetting(setVersionId)(event.currentTarget.value)}
          data={[
            all,
            ...(versions.data?.items ?? []).map((version) => ({
              value: String(version.id),
              label: `${version.number} (${t(`statuses.${version.status}`)})`,
            })),
          ]}
        />
        <NativeSelect
          label={t('signatures.filters.status')}
          value={status}
          onChange={(event) => resetting(setStatus)(event.currentTarget.value as SignatureStatus | '')}
          data={[
            all,
            ...signatureStatuses.map((value) => ({ value, label: t(`signatureStatuses.${value}`) })),
          ]}
        />
        <NativeSelect
          label={t('signatures.filters.kind')}
          value={kind}
          onChange={(event) => resetting(setKind)(event.currentTarget.value as SignatureKind | '')}
          data={[all, ...signatureKinds.map((value) => ({ value, label: t(`kinds.${value}`) }))]}
        />
        <TextInput
          label={t('signatures.filters.search')}
          value={search}
          onChange={(event) => resetting(setSearch)(event.currentTarget.value)}
        />
      </Group>
      {signatures.isPending ? (
        <PageLoader />
      ) : signatures.isError ? (
        <ErrorAlert error={signatures.error} />
      ) : signatures.data.items.length === 0 ? (
        <Text>{t('signatures.none')}</Text>
      ) : (
        <>
          <Text>{t('signatures.total', { count: signatures.data.total })}</Text>
          <ScrollTable label={t('signatures.tableLabel')} minWidth={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('signatures.fields.signatory')}</Table.Th>
                <Table.Th scope="col">{t('signatures.fields.kind')}</Table.Th>
                <Table.Th scope="col">{t('signatures.fields.unit')}</Table.Th>
                <Table.Th scope="col">{t('signatures.fields.signedOn')}</Table.Th>
                <Table.Th scope="col">{t('signatures.fields.channel')}</Table.Th>
                <Table.Th scope="col">{t('signatures.fields.status')}</Table.Th>
                <Table.Th scope="col">{t('signatures.fields.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {signatures.data.items.map((signature) => (
                <Table.Tr key={signature.id}>
                  <Table.Td>
                    {signatoryOf(signature)}
                    {signature.verificationCode && (
                      <Text size="sm">
                        {t('signatures.verificationCode', { code: signature.verificationCode })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`kinds.${signature.kind}`)}</Table.Td>
                  <Table.Td>{signature.unitName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(signature.signedOn)}</Table.Td>
                  <Table.Td>{t(`channels.${signature.channel}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColour[signature.status]} variant="light">
                      {t(`signatureStatuses.${signature.status}`)}
                    </Badge>
                    {signature.statusReason && <Text size="sm">{signature.statusReason}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {signature.status === 'pending' && (
                        <Button
                          size="xs"
                          variant="light"
                          loading={decide.isPending && decide.variables.id === signature.id}
                          onClick={() =>
                            decide.mutate(
                              { id: signature.id, status: 'valid' },
                              { onSuccess: () => notifySuccess(t('signatures.decided')) },
                            )
                          }
                        >
                          {t('signatures.confirm')}
                        </Button>
                      )}
                      {(signature.status === 'pending' || signature.status === 'valid') && (
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          onClick={() => setDialog({ kind: 'invalidate', id: signature.id })}
                        >
                          {t('signatures.invalidate')}
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setDialog({ kind: 'history', id: signature.id })}
                      >
                        {t('signatures.history')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
          <Group>
            <Button
              variant="default"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('signatures.previous')}
            </Button>
            <Button
              variant="default"
              disabled={offset + PAGE >= signatures.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('signatures.next')}
            </Button>
          </Group>
        </>
      )}
      {dialog === null && <ErrorAlert error={decide.error} />}
      {dialog?.kind === 'create' && <CreateSignatureDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'paper' && <PaperListDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'invalidate' && (
        <InvalidateDialog signatureId={dialog.id} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'history' && (
        <HistoryDialog signatureId={dialog.id} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}
