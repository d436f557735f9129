import { notifications } from '@mantine/notifications';
import { i18n } from './i18n.ts';

/** A short confirmation toast; the message is already translated by the caller. */
export function notifySuccess(message: string): void {
  notifications.show({
    message,
    color: 'green',
    withBorder: true,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
