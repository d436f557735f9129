import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Mantine's Modal with a translated name on its close button (axe: every button needs a name). */
export function AppModal(props: ModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      centered
      {...props}
      closeButtonProps={{ 'aria-label': t('common.close'), ...props.closeButtonProps }}
    />
  );
}
