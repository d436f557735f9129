import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../shared/roles.ts';
import { CheckIcon, LanguageIcon } from './icons.tsx';

interface LanguageItemsProps {
  current: string;
  onSelect: (language: Language) => void;
}

/** The language choices as menu items; used in the public header and in the user menu. */
export function LanguageMenuItems({ current, onSelect }: LanguageItemsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Menu.Label>{t('language.label')}</Menu.Label>
      {languages.map((language) => (
        <Menu.Item
          key={language}
          // Mantine fixes the role to menuitem; aria-current marks the language in use.
          aria-current={current === language ? 'true' : undefined}
          lang={language}
          onClick={() => onSelect(language)}
          leftSection={current === language ? <CheckIcon /> : <span style={{ width: 16 }} />}
        >
          {t(`language.names.${language}`)}
        </Menu.Item>
      ))}
    </>
  );
}

interface LanguageMenuProps {
  onSelect: (language: Language) => void;
}

/** Language switch for pages shown before login; the choice is kept in localStorage by the i18n module. */
export function LanguageMenu({ onSelect }: LanguageMenuProps) {
  const { t, i18n } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="dark" leftSection={<LanguageIcon />}>
          <span className="setara-visually-hidden">{t('language.label')}: </span>
          {t(`language.names.${i18n.language === 'en' ? 'en' : 'id'}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <LanguageMenuItems current={i18n.language} onSelect={onSelect} />
      </Menu.Dropdown>
    </Menu>
  );
}
