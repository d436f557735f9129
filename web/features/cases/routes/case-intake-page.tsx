import {
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  casePlaces,
  caseForms,
  caseRelationships,
  contactMethods,
  intakeChannels,
  namedOfficeLevels,
  reporterRoles,
  reporterWishes,
  type CaseForm,
  type CasePlace,
  type CaseRelationship,
  type ContactMethod,
  type NamedOfficeLevel,
  type ReporterRole,
  type ReporterWish,
} from '../../../../shared/case-taxonomy.ts';
import { ageBands } from '../../../../shared/contracts/cases.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { todayIso } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useIntakeCase, type IntakeInput, type IntakeResponse } from '../api/cases-api.ts';
import { ReceiptDialog } from '../components/receipt-dialog.tsx';
import { useCodeOptions } from '../components/case-labels.tsx';

type IntakeChannel = (typeof intakeChannels)[number];
type AgeBand = (typeof ageBands)[number];

interface IntakeValues {
  channel: '' | IntakeChannel;
  reporterRole: '' | ReporterRole;
  forms: CaseForm[];
  narrative: string;
  incidentDate: string;
  incidentDateApproximate: boolean;
  place: '' | CasePlace;
  placeUnitId: number | null;
  placeDetail: string;
  relationship: '' | CaseRelationship;
  namedOffice: NamedOfficeLevel;
  namedName: string;
  namedPosition: string;
  namedWorkplace: string;
  namedPhone: string;
  namedEmployeeNumber: string;
  wishes: ReporterWish[];
  asksDpp: boolean;
  sameGenderHandler: boolean;
  survivorSex: '' | 'L' | 'P';
  survivorAgeBand: '' | AgeBand;
  contactMethod: ContactMethod;
  contactValue: string;
  safeTimes: string;
  reporterName: string;
  consentToProcess: boolean;
  consentToContact: boolean;
}

const initialValues: IntakeValues = {
  channel: '',
  reporterRole: '',
  forms: [],
  narrative: '',
  incidentDate: '',
  incidentDateApproximate: false,
  place: '',
  placeUnitId: null,
  placeDetail: '',
  relationship: '',
  namedOffice: 'tidak_tahu',
  namedName: '',
  namedPosition: '',
  namedWorkplace: '',
  namedPhone: '',
  namedEmployeeNumber: '',
  wishes: [],
  asksDpp: false,
  sameGenderHandler: false,
  survivorSex: '',
  survivorAgeBand: '',
  contactMethod: 'none',
  contactValue: '',
  safeTimes: '',
  reporterName: '',
  consentToProcess: false,
  consentToContact: false,
};

const orNull = (value: string) => value.trim() || null;

/** The form's values as the API takes them; empty optional fields are sent as null. */
export function intakeBodyFromValues(values: IntakeValues): IntakeInput {
  const hasContact = values.contactMethod !== 'none';
  return {
    channel: values.channel as IntakeChannel,
    reporterRole: values.reporterRole as ReporterRole,
    forms: values.forms,
    narrative: values.narrative.trim(),
    incidentDate: values.incidentDate || null,
    incidentDateApproximate: values.incidentDateApproximate,
    place: values.place as CasePlace,
    placeUnitId: values.placeUnitId,
    placeDetail: orNull(values.placeDetail),
    relationship: values.relationship as CaseRelationship,
    namedOffice: values.namedOffice,
    namedName: orNull(values.namedName),
    namedPosition: orNull(values.namedPosition),
    namedWorkplace: orNull(values.namedWorkplace),
    // Escrow identifiers only when given, so a report without them sends what it always sent.
    ...(values.namedPhone.trim() ? { namedPhone: values.namedPhone.trim() } : {}),
    ...(values.namedEmployeeNumber.trim() ? { namedEmployeeNumber: values.namedEmployeeNumber.trim() } : {}),
    wishes: values.wishes,
    asksDpp: values.asksDpp,
    sameGenderHandler: values.sameGenderHandler,
    survivorSex: values.survivorSex || null,
    survivorAgeBand: values.survivorAgeBand || null,
    contactMethod: values.contactMethod,
    contactValue: hasContact ? orNull(values.contactValue) : null,
    safeTimes: hasContact ? orNull(values.safeTimes) : null,
    reporterName: orNull(values.reporterName),
    consentToProcess: true,
    consentToContact: hasContact && values.consentToContact,
  };
}

export function CaseIntakePage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.intake.title'));
  const navigate = useNavigate();
  const intake = useIntakeCase();
  const [created, setCreated] = useState<IntakeResponse | null>(null);
  const required = (value: string) => (value ? null : t('validation.required'));
  const form = useForm<IntakeValues>({
    initialValues,
    validate: {
      channel: required,
      reporterRole: required,
      place: required,
      relationship: required,
      forms: (value) => (value.length > 0 ? null : t('cases.intake.formsRequired')),
      incidentDate: (value) => (value && value > todayIso() ? t('cases.intake.dateInFuture') : null),
      contactValue: (value, values) =>
        values.contactMethod !== 'none' && !value.trim() ? t('validation.required') : null,
      consentToProcess: (value) => (value ? null : t('cases.intake.consentRequired')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const hasContact = form.values.contactMethod !== 'none';

  const submit = form.onSubmit((values) => {
    clearError();
    intake.mutate(intakeBodyFromValues(values), { onSuccess: setCreated, onError: handleError });
  });

  const options = useCodeOptions();

  return (
    <Stack>
      <Anchor component={Link} to={paths.cases} size="sm">
        {t('cases.back')}
      </Anchor>
      <Title order={1}>{t('cases.intake.title')}</Title>
      <Text>{t('cases.intake.intro')}</Text>
      <form onSubmit={submit} noValidate autoComplete="off">
        <Stack>
          <Fieldset legend={t('cases.intake.sections.report')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('cases.fields.channel')}
                required
                data={options(intakeChannels, 'channels')}
                {...form.getInputProps('channel')}
              />
              <NativeSelect
                label={t('cases.fields.reporterRole')}
                required
                data={options(reporterRoles, 'reporterRoles')}
                {...form.getInputProps('reporterRole')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('cases.intake.sections.what')}>
            <Stack>
              <Checkbox.Group
                label={t('cases.fields.forms')}
                description={t('cases.intake.formsHint')}
                required
                {...form.getInputProps('forms')}
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                  {caseForms.map((code) => (
                    <Checkbox key={code} value={code} label={t(`cases.forms.${code}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Textarea
                label={t('cases.fields.narrative')}
                description={t('cases.intake.narrativeHint')}
                autosize
                minRows={5}
                maxLength={20_000}
                {...form.getInputProps('narrative')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('cases.intake.sections.whereWhen')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Stack gap="xs">
                <TextInput
                  type="date"
                  label={t('cases.fields.incidentDate')}
                  max={todayIso()}
                  {...form.getInputProps('incidentDate')}
                />
                <Checkbox
                  label={t('cases.fields.incidentDateApproximate')}
                  {...form.getInputProps('incidentDateApproximate', { type: 'checkbox' })}
                />
              </Stack>
              <NativeSelect
                label={t('cases.fields.place')}
                required
                data={options(casePlaces, 'places')}
                {...form.getInputProps('place')}
              />
              <UnitPicker
                label={t('cases.fields.placeUnit')}
                description={t('cases.intake.placeUnitHint')}
                value={form.values.placeUnitId}
                onChange={(value) => form.setFieldValue('placeUnitId', value)}
              />
              <TextInput
                label={t('cases.fields.placeDetail')}
                description={t('cases.intake.placeDetailHint')}
                maxLength={300}
                {...form.getInputProps('placeDetail')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('cases.intake.sections.named')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('cases.fields.relationship')}
                required
                data={options(caseRelationships, 'relationships')}
                {...form.getInputProps('relationship')}
              />
              <NativeSelect
                label={t('cases.fields.namedOffice')}
                description={t('cases.intake.namedOfficeHint')}
                data={options(namedOfficeLevels, 'officeLevels', false)}
                {...form.getInputProps('namedOffice')}
              />
              <TextInput
                label={t('cases.fields.namedName')}
                maxLength={200}
                {...form.getInputProps('namedName')}
              />
              <TextInput
                label={t('cases.fields.namedPosition')}
                maxLength={200}
                {...form.getInputProps('namedPosition')}
              />
              <TextInput
                label={t('cases.fields.namedWorkplace')}
                maxLength={200}
                {...form.getInputProps('namedWorkplace')}
              />
              <TextInput
                label={t('caseEscrow.named.phone')}
                maxLength={40}
                {...form.getInputProps('namedPhone')}
              />
              <TextInput
                label={t('caseEscrow.named.employeeNumber')}
                maxLength={60}
                {...form.getInputProps('namedEmployeeNumber')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('cases.intake.sections.wishes')}>
            <Stack>
              <Checkbox.Group label={t('cases.fields.wishes')} {...form.getInputProps('wishes')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                  {reporterWishes.map((code) => (
                    <Checkbox key={code} value={code} label={t(`cases.wishes.${code}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Checkbox
                label={t('cases.fields.asksDpp')}
                {...form.getInputProps('asksDpp', { type: 'checkbox' })}
              />
              <Checkbox
                label={t('cases.fields.sameGenderHandler')}
                {...form.getInputProps('sameGenderHandler', { type: 'checkbox' })}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('cases.intake.sections.survivor')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('cases.fields.survivorSex')}
                data={[
                  { value: '', label: t('cases.notStated') },
                  { value: 'P', label: t('sex.P') },
                  { value: 'L', label: t('sex.L') },
                ]}
                {...form.getInputProps('survivorSex')}
              />
              <NativeSelect
                label={t('cases.fields.survivorAgeBand')}
                data={[
                  { value: '', label: t('cases.notStated') },
                  ...ageBands.map((band) => ({ value: band, label: band })),
                ]}
                {...form.getInputProps('survivorAgeBand')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('cases.intake.sections.contact')}>
            <Stack>
              <Text size="sm">{t('cases.intake.contactHint')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('cases.fields.reporterName')}
                  description={t('cases.intake.reporterNameHint')}
                  maxLength={200}
                  {...form.getInputProps('reporterName')}
                />
                <NativeSelect
                  label={t('cases.fields.contactMethod')}
                  data={options(contactMethods, 'contactMethods', false)}
                  {...form.getInputProps('contactMethod')}
                />
                {hasContact && (
                  <>
                    <TextInput
                      label={t('cases.fields.contactValue')}
                      required
                      maxLength={200}
                      type={form.values.contactMethod === 'email' ? 'email' : 'tel'}
                      {...form.getInputProps('contactValue')}
                    />
                    <TextInput
                      label={t('cases.fields.safeTimes')}
                      description={t('cases.intake.safeTimesHint')}
                      maxLength={200}
                      {...form.getInputProps('safeTimes')}
                    />
                  </>
                )}
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('cases.intake.sections.consent')}>
            <Stack>
              <Checkbox
                label={t('cases.fields.consentToProcess')}
                required
                {...form.getInputProps('consentToProcess', { type: 'checkbox' })}
              />
              {hasContact && (
                <Checkbox
                  label={t('cases.fields.consentToContact')}
                  {...form.getInputProps('consentToContact', { type: 'checkbox' })}
                />
              )}
            </Stack>
          </Fieldset>

          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" loading={intake.isPending}>
              {t('cases.intake.submit')}
            </Button>
            <Button variant="default" component={Link} to={paths.cases}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
      {created && (
        <ReceiptDialog
          receipt={created.receipt}
          reference={created.case.reference}
          onDone={() => {
            const id = created.case.id;
            // The receipt leaves memory with the dialog: it is never shown again.
            setCreated(null);
            intake.reset();
            void navigate(paths.case(id));
          }}
        />
      )}
    </Stack>
  );
}
