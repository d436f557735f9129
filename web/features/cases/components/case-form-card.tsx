import { Button, Card, Group, Stack, Title } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';

/**
 * The frame every "record something on the case" form shares (consent, referral, measure): a titled
 * card holding one form, its fields, and a send button that shows progress.
 */
export function CaseFormCard({
  id,
  title,
  submitLabel,
  pending,
  onSubmit,
  children,
}: {
  /** Id of the heading that names the form. */
  id: string;
  title: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  return (
    <Card withBorder>
      <form onSubmit={onSubmit} noValidate aria-labelledby={id}>
        <Stack>
          <Title order={3} size="h4" id={id}>
            {title}
          </Title>
          {children}
          <Group>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
