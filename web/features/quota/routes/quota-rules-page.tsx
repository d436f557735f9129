import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListEvaluationView, QuotaRuleBody, QuotaRuleView } from '../../../../shared/contracts/quota.ts';
import {
  quotaEnforcements,
  quotaMetrics,
  quotaRoundings,
  quotaSubjectKinds,
  type QuotaEnforcement,
  type QuotaMetric,
  type QuotaRounding,
  type QuotaSubjectKind,
} from '../../../../shared/quota-taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useCreateRuleVersion, useEvaluateList, useRules } from '../api/quota-api.ts';
import { QuotaPanel } from '../../../components/quota-panel.tsx';

const percent = (bp: number) => `${(bp / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;

interface FormState {
  name: string;
  description: string;
  subjectKinds: string[];
  levels: string;
  effectiveFrom: string;
  effectiveTo: string;
  metric: QuotaMetric;
  thresholdPercent: number | string;
  rounding: QuotaRounding;
  minimumWomen: number | string;
  minimumSeats: number | string;
  positionalTitles: string;
  positionalAtLeast: number | string;
  proportionalityPercent: number | string;
  enforcement: QuotaEnforcement;
}

const asNumber = (value: number | string) => (value === '' ? null : Number(value));

function EditRuleDialog({ rule, onClose }: { rule: QuotaRuleView; onClose: () => void }) {
  const { t } = useTranslation();
  const current = rule.current;
  const [state, setState] = useState<FormState>({
    name: current.name,
    description: current.description ?? '',
    subjectKinds: current.scope.subjectKinds,
    levels: current.scope.levels.join(', '),
    effectiveFrom: current.scope.effectiveFrom ?? '',
    effectiveTo: current.scope.effectiveTo ?? '',
    metric: current.metric,
    thresholdPercent: current.thresholdBp / 100,
    rounding: current.rounding,
    minimumWomen: current.minimum?.women ?? '',
    minimumSeats: current.minimum?.whenSeatsAtLeast ?? '',
    positionalTitles: current.positional?.titles.join('\n') ?? '',
    positionalAtLeast: current.positional?.atLeast ?? '',
    proportionalityPercent:
      current.proportionalityFactorBp === null ? '' : current.proportionalityFactorBp / 100,
    enforcement: current.enforcement,
  });
  const save = useCreateRuleVersion();
  const set = <Key extends keyof FormState>(key: Key, value: FormState[Key]) =>
    setState((previous) => ({ ...previous, [key]: value }));
  const fieldError = (path: string) =>
    save.error && 'fields' in save.error
      ? (save.error as { fields: { path: string; message: string }[] }).fields.find(
          (field) => field.path === path,
        )?.message
      : undefined;

  const submit = () => {
    const titles = state.positionalTitles
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const atLeast = asNumber(state.positionalAtLeast);
    const minimumWomen = asNumber(state.minimumWomen);
    const threshold = asNumber(state.thresholdPercent);
    const factor = asNumber(state.proportionalityPercent);
    const body: QuotaRuleBody = {
      name: state.name,
      description: state.description.trim() || null,
      scope: {
        subjectKinds: state.subjectKinds as QuotaSubjectKind[],
        levels: state.levels
          .split(',')
          .map((level) => level.trim())
          .filter(Boolean),
        delegationCategories: current.scope.delegationCategories,
        effectiveFrom: state.effectiveFrom || null,
        effectiveTo: state.effectiveTo || null,
      },
      metric: state.metric,
      // Percent typed by a person, stored as integer basis points.
      thresholdBp: threshold === null ? Number.NaN : Math.round(threshold * 100),
      rounding: state.rounding,
      minimum: minimumWomen
        ? { women: minimumWomen, whenSeatsAtLeast: asNumber(state.minimumSeats) ?? 0 }
        : null,
      positional: atLeast ? { titles, categories: current.positional?.categories ?? [], atLeast } : null,
      proportionalityFactorBp: factor === null ? null : Math.round(factor * 100),
      enforcement: state.enforcement,
    };
    save.mutate(
      { ruleId: rule.id, body },
      {
        onSuccess: (saved) => {
          notifySuccess(t('quota.rules.saved', { version: saved.currentVersion }));
          onClose();
        },
      },
    );
  };
  const options = <Value extends string>(values: readonly Value[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <AppModal opened onClose={onClose} size="xl" title={t('quota.rules.editTitle', { name: current.name })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          <TextInput
            label={t('quota.fields.name')}
            value={state.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('quota.fields.description')}
            value={state.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            autosize
          />
          <MultiSelect
            label={t('quota.fields.subjectKinds')}
            data={options(quotaSubjectKinds, 'quota.subjectKind')}
            value={state.subjectKinds}
            onChange={(value) => set('subjectKinds', value)}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('quota.fields.levels')}
            value={state.levels}
            onChange={(e) => set('levels', e.currentTarget.value)}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t('quota.fields.effectiveFrom')}
              value={state.effectiveFrom}
              onChange={(e) => set('effectiveFrom', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('quota.fields.effectiveTo')}
              value={state.effectiveTo}
              onChange={(e) => set('effectiveTo', e.currentTarget.value)}
              error={fieldError('scope.effectiveTo')}
            />
          </Group>
          <Group grow>
            <Select
              label={t('quota.fields.metric')}
              data={options(quotaMetrics, 'quota.metric')}
              value={state.metric}
              onChange={(value) => value && set('metric', value)}
              allowDeselect={false}
            />
            <NumberInput
              label={t('quota.fields.threshold')}
              description={t('quota.fields.thresholdHint')}
              value={state.thresholdPercent}
              onChange={(value) => set('thresholdPercent', value)}
              min={0}
              max={100}
              decimalScale={2}
              error={fieldError('thresholdBp')}
            />
            <Select
              label={t('quota.fields.rounding')}
              data={options(quotaRoundings, 'quota.rounding')}
              value={state.rounding}
              onChange={(value) => value && set('rounding', value)}
              allowDeselect={false}
            />
          </Group>
          <Group grow>
            <NumberInput
              label={t('quota.fields.minimumWomen')}
              value={state.minimumWomen}
              onChange={(value) => set('minimumWomen', value)}
              min={0}
              allowDecimal={false}
            />
            <NumberInput
              label={t('quota.fields.minimumSeats')}
              value={state.minimumSeats}
              onChange={(value) => set('minimumSeats', value)}
              min={0}
              allowDecimal={false}
            />
          </Group>
          <Textarea
            label={t('quota.fields.positionalTitles')}
            value={state.positionalTitles}
            onChange={(e) => set('positionalTitles', e.currentTarget.value)}
            autosize
            error={fieldError('positional') ?? fieldError('positional.titles')}
          />
          <Group grow>
            <NumberInput
              label={t('quota.fields.positionalAtLeast')}
              value={state.positionalAtLeast}
              onChange={(value) => set('positionalAtLeast', value)}
              min={0}
              allowDecimal={false}
            />
            <NumberInput
              label={t('quota.fields.proportionality')}
              value={state.proportionalityPercent}
              onChange={(value) => set('proportionalityPercent', value)}
              min={0}
              decimalScale={2}
              error={fieldError('proportionalityFactorBp')}
            />
            <Select
              label={t('quota.fields.enforcement')}
              data={options(quotaEnforcements, 'quota.enforcement')}
              value={state.enforcement}
              onChange={(value) => value && set('enforcement', value)}
              allowDeselect={false}
            />
          </Group>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function RuleCard({ rule, canEdit, onEdit }: { rule: QuotaRuleView; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = `rule-${rule.id}`;
  const current = rule.current;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id={headingId}>
              {current.name}
            </Title>
            <Group gap="xs" mt={4}>
              <Badge variant="light">{t('quota.rules.current', { version: rule.currentVersion })}</Badge>
              <Badge variant="light" color="grape">
                {t(`quota.enforcement.${current.enforcement}`)}
              </Badge>
            </Group>
          </div>
          {canEdit && (
            <Button
              size="xs"
              variant="default"
              onClick={onEdit}
              aria-label={t('quota.rules.editNamed', { name: current.name })}
            >
              {t('quota.rules.edit')}
            </Button>
          )}
        </Group>
        {current.description && <Text size="sm">{current.description}</Text>}
        <ScrollTable label={t('quota.rules.showVersions', { name: current.name })} minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('quota.fields.version')}</Table.Th>
              <Table.Th scope="col">{t('quota.fields.subjectKinds')}</Table.Th>
              <Table.Th scope="col">{t('quota.fields.metric')}</Table.Th>
              <Table.Th scope="col">{t('quota.fields.threshold')}</Table.Th>
              <Table.Th scope="col">{t('quota.fields.effectiveFrom')}</Table.Th>
              <Table.Th scope="col">{t('quota.fields.enforcement')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rule.versions.map((version) => (
              <Table.Tr key={version.id}>
                <Table.Td>
                  v{version.version}
                  <Text size="xs" c="dimmed">
                    {t('quota.rules.created', { date: format.dateTime(version.createdAt) })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {version.scope.subjectKinds.map((kind) => t(`quota.subjectKind.${kind}`)).join(', ')}
                  <Text size="xs" c="dimmed">
                    {version.scope.levels.length
                      ? version.scope.levels.join(', ')
                      : t('quota.rules.scopeAll')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {t(`quota.metric.${version.metric}`)}
                  {version.positional && (
                    <Text size="xs" c="dimmed">
                      ≥ {version.positional.atLeast}: {version.positional.titles.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {version.metric === 'core_posts' ? '—' : percent(version.thresholdBp)} ·{' '}
                  {t(`quota.rounding.${version.rounding}`)}
                </Table.Td>
                <Table.Td>
                  {version.scope.effectiveFrom
                    ? format.date(version.scope.effectiveFrom)
                    : t('quota.rules.open')}{' '}
                  –{' '}
                  {version.scope.effectiveTo ? format.date(version.scope.effectiveTo) : t('quota.rules.open')}
                </Table.Td>
                <Table.Td>{t(`quota.enforcement.${version.enforcement}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Stack>
    </Card>
  );
}

function ListCheck() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'invitation_list' | 'committee' | 'training_class'>('invitation_list');
  const [name, setName] = useState('');
  const [numbers, setNumbers] = useState('');
  const evaluate = useEvaluateList();
  const result: ListEvaluationView | undefined = evaluate.data;
  return (
    <Card withBorder component="section" aria-labelledby="list-check-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          evaluate.mutate({
            kind,
            name: name.trim() || t(`quota.subjectKind.${kind}`),
            memberNumbers: numbers
              .split(/[\s,;]+/)
              .map((part) => part.trim())
              .filter(Boolean),
          });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="list-check-title">
            {t('quota.list.title')}
          </Title>
          <Text size="sm">{t('quota.list.intro')}</Text>
          <Group grow>
            <Select
              label={t('quota.list.kind')}
              data={(['invitation_list', 'committee', 'training_class'] as const).map((value) => ({
                value,
                label: t(`quota.subjectKind.${value}`),
              }))}
              value={kind}
              onChange={(value) => value && setKind(value)}
              allowDeselect={false}
            />
            <TextInput
              label={t('quota.list.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
          </Group>
          <Textarea
            label={t('quota.list.numbers')}
            value={numbers}
            onChange={(e) => setNumbers(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Group>
            <Button type="submit" loading={evaluate.isPending}>
              {t('quota.list.check')}
            </Button>
          </Group>
          <ErrorAlert error={evaluate.error} />
          {result && (
            <>
              {result.unmatched.length > 0 && (
                <Alert color="yellow" variant="light">
                  {t('quota.list.unmatched', { numbers: result.unmatched.join(', ') })}
                </Alert>
              )}
              <QuotaPanel evaluation={result} title={result.subject.name} />
            </>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/** Quota rules with every version; the DPP gender officer edits a rule as a new version. */
export function QuotaRulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('quota.rules.title'));
  const rules = useRules();
  const [editing, setEditing] = useState<QuotaRuleView | null>(null);
  if (rules.isPending) return <PageLoader />;
  if (rules.isError) return <ErrorAlert error={rules.error} />;
  return (
    <Stack>
      <Title order={1}>{t('quota.rules.title')}</Title>
      <Text size="sm">{t('quota.rules.intro')}</Text>
      {!rules.data.canEdit && (
        <Text size="sm" c="dimmed">
          {t('quota.rules.readOnly')}
        </Text>
      )}
      {rules.data.items.map((rule) => (
        <RuleCard key={rule.id} rule={rule} canEdit={rules.data.canEdit} onEdit={() => setEditing(rule)} />
      ))}
      <ListCheck />
      {editing && <EditRuleDialog rule={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
