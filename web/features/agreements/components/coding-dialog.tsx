import { Button, Group, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { codingAnswers, type CodingAnswer } from '../../../../shared/agreement-taxonomies.ts';
import type { AgreementDetail } from '../../../../shared/contracts/agreements.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCodeItem } from '../api/agreements-api.ts';

type SheetRow = AgreementDetail['sheet'][number];

/** Codes one checklist item; saving appends a coding, so the earlier answer stays as history. */
export function CodingDialog({
  agreementId,
  row,
  title,
  onClose,
}: {
  agreementId: number;
  row: SheetRow;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('agreements');
  const code = useCodeItem();
  const form = useForm<{ answer: CodingAnswer; excerpt: string; article: string }>({
    initialValues: {
      answer: row.answer,
      excerpt: row.current?.excerpt ?? '',
      article: row.current?.article ?? '',
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    code.mutate(
      {
        agreementId,
        itemCode: row.item.code,
        answer: values.answer,
        excerpt: values.excerpt.trim() || null,
        article: values.article.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('agreement.coding.saved'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  const isCoded = form.values.answer !== 'not_coded';
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('agreement.coding.title', { item: title })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group label={t('agreement.coding.answer')} {...form.getInputProps('answer')}>
            <Group mt="xs">
              {codingAnswers.map((answer) => (
                <Radio key={answer} value={answer} label={t(`answers.${answer}`)} />
              ))}
            </Group>
          </Radio.Group>
          <TextInput
            label={t('agreement.coding.article')}
            maxLength={100}
            disabled={!isCoded}
            {...form.getInputProps('article')}
          />
          <Textarea
            label={t('agreement.coding.excerpt')}
            autosize
            minRows={3}
            maxLength={4000}
            disabled={!isCoded}
            {...form.getInputProps('excerpt')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={code.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
