import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';

interface ErrorAlertProps {
  error: unknown;
  /** Heading of the alert; defaults to a generic "could not complete" title. */
  title?: string;
}

/** Shows an API error's translated `detail` (and any field messages) in an alert that screen readers announce. */
export function ErrorAlert({ error, title }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.detail || (apiError?.status === 0 ? t('errors.network') : t('errors.unexpected'));
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t('errors.title')}>
      {message}
      {apiError && apiError.fields.length > 0 && (
        <List size="sm" mt="xs">
          {apiError.fields.map((field) => (
            <List.Item key={`${field.path}:${field.message}`}>
              {field.path}: {field.message}
            </List.Item>
          ))}
        </List>
      )}
      {apiError?.requestId && (
        <div>
          <small>{t('errors.requestId', { id: apiError.requestId })}</small>
        </div>
      )}
    </Alert>
  );
}
