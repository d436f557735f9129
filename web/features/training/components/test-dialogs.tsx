import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestItemView, TestsView } from '../../../../shared/contracts/training-tests.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useAddTestItem, useEnterPaperTest, useUpdateTestItem } from '../api/training-tests-api.ts';
import { DialogButtons } from './program-dialogs.tsx';

/** Dialogs of the tests page: an item of the bank, and a participant's answers from paper. */
export type TestParticipant = TestsView['participants'][number];
type Participant = TestParticipant;

/** An item's text in the UI language (English only when it was written). */
export const textIn = (id: string, en: string | null) => (currentLanguage() === 'en' && en ? en : id);

export function ItemDialog(props: { view: TestsView; item: TestItemView | null; onClose: () => void }) {
  const { t } = useTranslation('training');
  const add = useAddTestItem();
  const update = useUpdateTestItem();
  const { item, view } = props;
  const form = useForm({
    initialValues: {
      form: item?.form ?? 'A',
      stemId: item?.stemId ?? '',
      stemEn: item?.stemEn ?? '',
      options: item?.options.map((option) => ({ id: option.id, en: option.en ?? '' })) ?? [
        { id: '', en: '' },
        { id: '', en: '' },
        { id: '', en: '' },
        { id: '', en: '' },
      ],
      correct: String(item?.correct ?? 0),
    },
    validate: {
      stemId: (value) => (value.trim() ? null : t('validation.required')),
      options: { id: (value) => (value.trim() ? null : t('validation.required')) },
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    const body = {
      form: values.form,
      stemId: values.stemId.trim(),
      stemEn: values.stemEn.trim() || null,
      options: values.options.map((option) => ({ id: option.id.trim(), en: option.en.trim() || null })),
      correct: Number(values.correct),
      position: item?.position ?? view.items.length,
    };
    const done = { onSuccess: () => props.onClose(), onError: handleError };
    if (item) update.mutate({ itemId: item.id, ...body }, done);
    else add.mutate({ classId: view.classId, ...body }, done);
  });
  return (
    <AppModal
      opened
      onClose={props.onClose}
      size="lg"
      title={item ? t('tests.items.editTitle') : t('tests.items.addTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {item?.answered && <Text size="sm">{t('tests.items.answeredHint')}</Text>}
          {view.parallelForms && (
            <NativeSelect label={t('tests.items.form')} data={['A', 'B']} {...form.getInputProps('form')} />
          )}
          <Textarea
            label={t('tests.items.stemId')}
            required
            autosize
            data-autofocus
            {...form.getInputProps('stemId')}
          />
          <Textarea label={t('tests.items.stemEn')} autosize {...form.getInputProps('stemEn')} />
          <Radio.Group label={t('tests.items.correctLabel')} {...form.getInputProps('correct')}>
            <Stack gap="xs" mt="xs">
              {form.values.options.map((_, index) => (
                <Group key={index} align="flex-end" wrap="nowrap">
                  <Radio
                    value={String(index)}
                    aria-label={t('tests.items.isCorrect', { number: index + 1 })}
                  />
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('tests.items.optionId', { number: index + 1 })}
                    required
                    {...form.getInputProps(`options.${index}.id`)}
                  />
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('tests.items.optionEn', { number: index + 1 })}
                    {...form.getInputProps(`options.${index}.en`)}
                  />
                  {form.values.options.length > 2 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('tests.items.removeOption', { number: index + 1 })}
                      onClick={() => {
                        form.removeListItem('options', index);
                        if (Number(form.values.correct) >= index && Number(form.values.correct) > 0)
                          form.setFieldValue('correct', String(Number(form.values.correct) - 1));
                      }}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              ))}
            </Stack>
          </Radio.Group>
          {form.values.options.length < 6 && (
            <Button
              variant="default"
              size="xs"
              onClick={() => form.insertListItem('options', { id: '', en: '' })}
            >
              {t('tests.items.addOption')}
            </Button>
          )}
          <ErrorAlert error={error} />
          <DialogButtons
            onClose={props.onClose}
            loading={add.isPending || update.isPending}
            submit={item ? t('common.save') : t('common.create')}
          />
        </Stack>
      </form>
    </AppModal>
  );
}

export function PaperDialog(props: {
  view: TestsView;
  participant: Participant;
  phase: 'pre' | 'post';
  onClose: () => void;
}) {
  const { t } = useTranslation('training');
  const enter = useEnterPaperTest();
  const { participant, phase, view } = props;
  const attempt = participant[phase];
  const formName = attempt?.form ?? (phase === 'pre' ? participant.preForm : participant.postForm);
  const items = view.items.filter((item) => item.form === formName);
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      items.map((item) => {
        const given = attempt?.answers[String(item.id)];
        return [String(item.id), given === null || given === undefined ? 'blank' : String(given)];
      }),
    ),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enter.mutate(
      {
        participantId: participant.participantId,
        phase,
        form: formName,
        answers: Object.fromEntries(
          Object.entries(answers).map(([id, value]) => [id, value === 'blank' ? null : Number(value)]),
        ),
      },
      {
        onSuccess: () => {
          notifySuccess(t('tests.paper.saved'));
          props.onClose();
        },
      },
    );
  };
  return (
    <AppModal
      opened
      onClose={props.onClose}
      size="lg"
      title={t('tests.paper.title', {
        name: participant.name,
        phase: t(`tests.phase.${phase}`),
        form: formName,
      })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('tests.paper.intro')}</Text>
          {items.length === 0 && <Text size="sm">{t('tests.paper.noItems')}</Text>}
          {items.map((item, index) => (
            <Radio.Group
              key={item.id}
              label={`${index + 1}. ${textIn(item.stemId, item.stemEn)}`}
              value={answers[String(item.id)] ?? 'blank'}
              onChange={(value) => setAnswers((current) => ({ ...current, [String(item.id)]: value }))}
            >
              <Group mt={4} gap="md">
                {item.options.map((option, choice) => (
                  <Radio key={choice} value={String(choice)} label={textIn(option.id, option.en)} />
                ))}
                <Radio value="blank" label={t('tests.paper.blank')} />
              </Group>
            </Radio.Group>
          ))}
          <ErrorAlert error={enter.error} />
          <DialogButtons onClose={props.onClose} loading={enter.isPending} submit={t('common.save')} />
        </Stack>
      </form>
    </AppModal>
  );
}
