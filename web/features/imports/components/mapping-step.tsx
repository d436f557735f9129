import {
  Alert,
  Button,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportUploadResponse } from '../../../../shared/contracts/imports.ts';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import type { ImportKind, ImportMapping } from '../api/imports-api.ts';
import { importFieldSets, isMappingComplete, mappingProblems } from './mapping.ts';

interface MappingStepProps {
  kind: ImportKind;
  upload: ImportUploadResponse;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  onSubmit: () => void;
  onBack: () => void;
  isSubmitting: boolean;
}

/**
 * One select per field, prefilled with the server's suggestion. The dry run can start only when every
 * required field has a column and no column serves two fields; the problems are listed, not just
 * signalled by a disabled button.
 */
export function MappingStep({
  kind,
  upload,
  mapping,
  onChange,
  onSubmit,
  onBack,
  isSubmitting,
}: MappingStepProps) {
  const { t } = useTranslation();
  const fieldSet = importFieldSets[kind];
  const problems = mappingProblems(fieldSet, mapping);
  const [isSubmitted, setSubmitted] = useState(false);
  const complete = isMappingComplete(problems);
  const fieldLabel = (field: string) => t(`imports.fields.${kind}.${field}`);
  const options = [
    { value: '', label: t('imports.mapping.notInFile') },
    ...upload.headers.map((header) => ({ value: header, label: header })),
  ];

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('imports.mapping.title')}
      </Title>
      <Text>{t('imports.mapping.intro', { file: upload.fileName, rows: upload.totalRows })}</Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (complete) onSubmit();
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {fieldSet.fields.map((field) => {
              const isRequired = fieldSet.required.includes(field);
              const header = mapping[field] ?? '';
              const isDuplicate = Boolean(header && problems.duplicates[header]);
              const error =
                isSubmitted && isRequired && !header
                  ? t('imports.mapping.requiredMissing')
                  : isDuplicate
                    ? t('imports.mapping.duplicate')
                    : undefined;
              return (
                <NativeSelect
                  key={field}
                  label={fieldLabel(field)}
                  required={isRequired}
                  data={options}
                  value={header}
                  error={error}
                  onChange={(event) => {
                    const next = { ...mapping };
                    if (event.currentTarget.value) next[field] = event.currentTarget.value;
                    else delete next[field];
                    onChange(next);
                  }}
                />
              );
            })}
          </SimpleGrid>
          {isSubmitted && !complete && (
            <Alert color="red" variant="light" role="alert" title={t('imports.mapping.incomplete')}>
              <List size="sm">
                {problems.missing.map((field) => (
                  <List.Item key={field}>
                    {t('imports.mapping.missingField', { field: fieldLabel(field) })}
                  </List.Item>
                ))}
                {Object.entries(problems.duplicates).map(([header, fields]) => (
                  <List.Item key={header}>
                    {t('imports.mapping.duplicateColumn', {
                      column: header,
                      fields: fields.map(fieldLabel).join(', '),
                    })}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group>
            <Button variant="default" onClick={onBack}>
              {t('imports.uploadOther')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('imports.mapping.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {upload.sampleRows.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('imports.mapping.sample')}
          </Title>
          <ScrollTable
            label={t('imports.mapping.sample')}
            minWidth={Math.max(480, upload.headers.length * 120)}
          >
            <Table.Thead>
              <Table.Tr>
                {upload.headers.map((header, index) => (
                  <Table.Th scope="col" key={`${header}-${index}`}>
                    {header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {upload.sampleRows.map((row, rowIndex) => (
                <Table.Tr key={rowIndex}>
                  {upload.headers.map((header, index) => (
                    <Table.Td key={`${header}-${index}`}>{row[index] ?? ''}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}
