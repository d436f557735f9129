import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useAddCaseNote, useSendCaseMessage } from '../api/case-conversation-api.ts';

const byTime = <Entry extends { at: string }>(entries: readonly Entry[]) =>
  [...entries].sort((a, b) => a.at.localeCompare(b.at));

/** One text box and a submit button; clears itself once the server has taken the text. */
function TextForm({
  label,
  submitLabel,
  maxLength,
  isPending,
  onSubmit,
}: {
  label: string;
  submitLabel: string;
  maxLength: number;
  isPending: boolean;
  onSubmit: (body: string, callbacks: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { body: '' },
    validate: { body: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    onSubmit(values.body.trim(), { onSuccess: () => form.reset(), onError: handleError });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Textarea
          label={label}
          required
          autosize
          minRows={3}
          maxLength={maxLength}
          {...form.getInputProps('body')}
        />
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" loading={isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Internal notes of the case team: the reporter never sees them. */
export function NotesSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const add = useAddCaseNote();
  const notes = byTime(detail.notes ?? []);
  return (
    <Stack component="section" aria-labelledby="case-notes">
      <Title order={2} size="h3" id="case-notes">
        {t('cases.sections.notes')}
      </Title>
      <Alert color="gray" variant="light">
        {t('cases.notes.hint')}
      </Alert>
      {detail.notes === null ? (
        <Text>{t('cases.notes.writeOnly')}</Text>
      ) : notes.length === 0 ? (
        <Text>{t('cases.notes.none')}</Text>
      ) : (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {notes.map((note) => (
            <Card withBorder component="li" key={note.id} padding="sm">
              <Text size="sm" c="dimmed">
                {note.author} · {format.dateTime(note.at)}
              </Text>
              <pre className="setara-pre">{note.body}</pre>
            </Card>
          ))}
        </Stack>
      )}
      {detail.allowed.addNote && (
        <TextForm
          label={t('cases.notes.new')}
          submitLabel={t('cases.notes.submit')}
          maxLength={20_000}
          isPending={add.isPending}
          onSubmit={(body, { onSuccess, onError }) =>
            add.mutate(
              { id: detail.id, body },
              {
                onSuccess: () => {
                  notifySuccess(t('cases.notes.added'));
                  onSuccess();
                },
                onError,
              },
            )
          }
        />
      )}
    </Stack>
  );
}

/** Two-way messages with the reporter, shown on her follow-up page. */
export function MessagesSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const send = useSendCaseMessage();
  const messages = byTime(detail.messages ?? []);
  return (
    <Stack component="section" aria-labelledby="case-messages">
      <Title order={2} size="h3" id="case-messages">
        {t('cases.sections.messages')}
      </Title>
      <Alert color="blue" variant="light">
        {t('cases.messages.hint')}
      </Alert>
      {detail.messages === null ? (
        <Text>{t('cases.messages.writeOnly')}</Text>
      ) : messages.length === 0 ? (
        <Text>{t('cases.messages.none')}</Text>
      ) : (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {messages.map((message) => (
            <Card
              withBorder
              component="li"
              key={message.id}
              padding="sm"
              bg={message.from === 'reporter' ? 'gray.0' : undefined}
            >
              <Group gap="xs">
                <Badge
                  variant="light"
                  color={message.from === 'reporter' ? 'grape' : 'blue'}
                  component="span"
                >
                  {t(`cases.messages.from.${message.from}`)}
                </Badge>
                <Text size="sm" c="dimmed">
                  {message.author ? `${message.author} · ` : ''}
                  {format.dateTime(message.at)}
                </Text>
              </Group>
              <pre className="setara-pre">{message.body}</pre>
            </Card>
          ))}
        </Stack>
      )}
      {detail.allowed.sendMessage && (
        <TextForm
          label={t('cases.messages.new')}
          submitLabel={t('cases.messages.submit')}
          maxLength={10_000}
          isPending={send.isPending}
          onSubmit={(body, { onSuccess, onError }) =>
            send.mutate(
              { id: detail.id, body },
              {
                onSuccess: () => {
                  notifySuccess(t('cases.messages.sent'));
                  onSuccess();
                },
                onError,
              },
            )
          }
        />
      )}
    </Stack>
  );
}
