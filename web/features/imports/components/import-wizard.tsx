import {
  Alert,
  Anchor,
  Button,
  Group,
  Input,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ImportJobView,
  ImportSummary,
  ImportUploadResponse,
} from '../../../../shared/contracts/imports.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import {
  importErrorsUrl,
  useImportList,
  useRefreshAfterImport,
  useRunImport,
  useUploadImport,
  useValidateImport,
  type ImportKind,
  type ImportMapping,
  type ImportMode,
  type ValidateImportResponse,
} from '../api/imports-api.ts';
import { ImportProgress } from './import-progress.tsx';
import { importTemplateCsv } from '../../../../shared/import-template.ts';
import { importFieldSets, initialMapping } from './mapping.ts';
import { MappingStep } from './mapping-step.tsx';

/**
 * The server's default largest import file (IMPORT_MAX_MB), used until `GET /imports` has told the real
 * limit; checked here too so a huge file is refused before it is sent.
 */
export const importMaxMb = 200;

type Step = 'upload' | 'mapping' | 'report' | 'running' | 'done';
const steps: Step[] = ['upload', 'mapping', 'report', 'running', 'done'];

export function ImportWizard({ kind, backTo }: { kind: ImportKind; backTo: string }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('upload');
  const [upload, setUpload] = useState<ImportUploadResponse | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [report, setReport] = useState<ValidateImportResponse | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [finished, setFinished] = useState<ImportJobView | null>(null);
  const validate = useValidateImport();
  const refresh = useRefreshAfterImport();

  const restart = () => {
    setStep('upload');
    setUpload(null);
    setReport(null);
    setJobId(null);
    setFinished(null);
    validate.reset();
  };

  const runValidation = () => {
    if (!upload) return;
    validate.mutate(
      { id: upload.id, mapping },
      {
        onSuccess: (result) => {
          setReport(result);
          setStep('report');
        },
      },
    );
  };

  return (
    <Stack>
      <ol className="setara-steps" aria-label={t('imports.steps.label')}>
        {steps.map((name, index) => (
          <li
            key={name}
            aria-current={name === step ? 'step' : undefined}
            data-active={name === step || undefined}
          >
            {index + 1}. {t(`imports.steps.${name}`)}
          </li>
        ))}
      </ol>
      {step === 'upload' && (
        <UploadStep
          kind={kind}
          onUploaded={(uploaded) => {
            setUpload(uploaded);
            setMapping(initialMapping(importFieldSets[kind], uploaded.headers, uploaded.suggestedMapping));
            setReport(null);
            setStep('mapping');
          }}
        />
      )}
      {step === 'mapping' && upload && (
        <>
          <MappingStep
            kind={kind}
            upload={upload}
            mapping={mapping}
            onChange={setMapping}
            onSubmit={runValidation}
            onBack={restart}
            isSubmitting={validate.isPending}
          />
          <ErrorAlert error={validate.error} />
        </>
      )}
      {step === 'report' && upload && report && (
        <ReportStep
          upload={upload}
          report={report}
          onBack={() => setStep('mapping')}
          onRestart={restart}
          onStarted={(job) => {
            setJobId(job.id);
            setStep('running');
          }}
        />
      )}
      {(step === 'running' || step === 'done') && jobId && (
        <Stack>
          <Title order={2} size="h3">
            {step === 'done' ? t('imports.done.title') : t('imports.progress.title')}
          </Title>
          <ImportProgress
            jobId={jobId}
            onFinished={(job) => {
              setFinished(job);
              setStep('done');
              void refresh();
            }}
          />
          {step === 'done' && finished?.summary && <SummaryGrid summary={finished.summary} final />}
          {step === 'done' && (
            <Group>
              <Button component={Link} to={backTo}>
                {kind === 'members' ? t('imports.done.toMembers') : t('imports.done.toUnits')}
              </Button>
              <Button variant="default" onClick={restart}>
                {t('imports.done.another')}
              </Button>
              {finished && (finished.summary?.errorRows ?? 0) > 0 && (
                <Anchor href={importErrorsUrl(finished.id)} download>
                  {t('imports.report.download')}
                </Anchor>
              )}
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function UploadStep({
  kind,
  onUploaded,
}: {
  kind: ImportKind;
  onUploaded: (upload: ImportUploadResponse) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const uploadFile = useUploadImport();
  // The server's limit (IMPORT_MAX_MB); the default stands in until the list has loaded.
  const maxMb = useImportList().data?.maxUploadMb ?? importMaxMb;
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fieldSet = importFieldSets[kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblem(t('imports.upload.chooseFile'));
      return;
    }
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setProblem(t('imports.upload.badType'));
      return;
    }
    if (file.size > maxMb * 1024 * 1024) {
      setProblem(t('imports.upload.tooLarge', { max: maxMb }));
      return;
    }
    setProblem(null);
    uploadFile.mutate({ kind, file }, { onSuccess: onUploaded });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t('imports.upload.title')}
        </Title>
        <Text>{t(kind === 'members' ? 'imports.upload.introMembers' : 'imports.upload.introUnits')}</Text>
        <Text size="sm">
          {t('imports.upload.requiredColumns', {
            fields: fieldSet.required.map((field) => t(`imports.fields.${kind}.${field}`)).join(', '),
          })}
        </Text>
        <Stack gap={2}>
          <Anchor
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(importTemplateCsv(kind))}`}
            download={t(
              kind === 'members' ? 'imports.upload.templateFileMembers' : 'imports.upload.templateFileUnits',
            )}
          >
            {t(kind === 'members' ? 'imports.upload.templateMembers' : 'imports.upload.templateUnits')}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('imports.upload.templateHint')}
          </Text>
        </Stack>
        <Input.Wrapper
          label={t('imports.upload.file')}
          description={t('imports.upload.fileHint', { max: maxMb })}
          error={problem}
          required
          id={inputId}
        >
          <input
            id={inputId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="setara-file-input"
            aria-invalid={problem ? true : undefined}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setProblem(null);
            }}
          />
        </Input.Wrapper>
        <ErrorAlert error={uploadFile.error} />
        <Group>
          <Button type="submit" loading={uploadFile.isPending}>
            {t('imports.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SummaryGrid({ summary, final = false }: { summary: ImportSummary; final?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const items: [string, number][] = final
    ? [
        [t('imports.summary.new'), summary.newRows],
        [t('imports.summary.updated'), summary.updatedRows],
        [t('imports.summary.unchanged'), summary.unchangedRows],
        [t('imports.summary.errors'), summary.errorRows],
      ]
    : [
        [t('imports.summary.total'), summary.totalRows],
        [t('imports.summary.valid'), summary.validRows],
        [t('imports.summary.errors'), summary.errorRows],
        [t('imports.summary.new'), summary.newRows],
        [t('imports.summary.updated'), summary.updatedRows],
        [t('imports.summary.unchanged'), summary.unchangedRows],
      ];
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, md: final ? 4 : 6 }}
      component="dl"
      m={0}
      data-testid="import-summary"
    >
      {items.map(([label, value]) => (
        <div key={label} className="setara-stat">
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} fw={700} fz="xl">
            {format.number(value)}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function ReportStep({
  upload,
  report,
  onBack,
  onRestart,
  onStarted,
}: {
  upload: ImportUploadResponse;
  report: ValidateImportResponse;
  onBack: () => void;
  onRestart: () => void;
  onStarted: (job: ImportJobView) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const run = useRunImport();
  const { summary, errors } = report;
  const hasErrors = summary.errorRows > 0;
  const [mode, setMode] = useState<ImportMode>(hasErrors ? 'valid_only' : 'all_or_nothing');
  const isBlocked = summary.validRows === 0 || (mode === 'all_or_nothing' && hasErrors);

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('imports.report.title')}
      </Title>
      <Text>{t('imports.report.intro', { file: upload.fileName })}</Text>
      <SummaryGrid summary={summary} />
      {hasErrors ? (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('imports.report.errorsTitle')}
          </Title>
          {errors.length < summary.errorRows && (
            <Text size="sm">{t('imports.report.truncated', { shown: format.number(errors.length) })}</Text>
          )}
          <Anchor href={importErrorsUrl(upload.id)} download>
            {t('imports.report.download')}
          </Anchor>
          <ScrollTable label={t('imports.report.errorsTitle')} minWidth={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('imports.report.row')}</Table.Th>
                <Table.Th scope="col">{t('imports.report.field')}</Table.Th>
                <Table.Th scope="col">{t('imports.report.value')}</Table.Th>
                <Table.Th scope="col">{t('imports.report.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((error, index) => (
                <Table.Tr key={`${error.row}-${error.field}-${index}`}>
                  <Table.Td>{format.number(error.row)}</Table.Td>
                  <Table.Td>
                    {importFieldSets[upload.kind].fields.includes(error.field)
                      ? t(`imports.fields.${upload.kind}.${error.field}`)
                      : error.field}
                  </Table.Td>
                  <Table.Td>{error.value ?? '—'}</Table.Td>
                  <Table.Td>{error.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </Stack>
      ) : (
        <Alert color="teal" variant="light" title={t('imports.report.cleanTitle')}>
          {t('imports.report.clean')}
        </Alert>
      )}
      <Radio.Group label={t('imports.mode.label')} value={mode} onChange={(value) => setMode(value)}>
        <Stack gap="xs" mt="xs">
          <Radio
            value="all_or_nothing"
            label={t('imports.mode.all_or_nothing')}
            description={t('imports.mode.allOrNothingHint')}
          />
          <Radio
            value="valid_only"
            label={t('imports.mode.valid_only')}
            description={t('imports.mode.validOnlyHint')}
          />
        </Stack>
      </Radio.Group>
      {isBlocked && (
        <Alert color="blue" variant="light">
          {summary.validRows === 0 ? t('imports.report.nothingValid') : t('imports.report.fixFirst')}
        </Alert>
      )}
      <ErrorAlert error={run.error} />
      <Group>
        <Button variant="default" onClick={onBack}>
          {t('imports.report.backToMapping')}
        </Button>
        <Button variant="default" onClick={onRestart}>
          {t('imports.uploadCorrected')}
        </Button>
        <Button
          disabled={isBlocked}
          loading={run.isPending}
          onClick={() => run.mutate({ id: upload.id, mode }, { onSuccess: onStarted })}
        >
          {t('imports.report.run')}
        </Button>
      </Group>
    </Stack>
  );
}
