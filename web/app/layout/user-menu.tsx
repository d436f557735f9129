import { Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Language } from '../../../shared/roles.ts';
import { UserIcon } from '../../components/icons.tsx';
import { LanguageMenuItems } from '../../components/language-menu.tsx';
import { ApiError } from '../../lib/api.ts';
import { changeLanguage } from '../../lib/i18n.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { paths } from '../../lib/paths.ts';
import { useFullSession, useLogout, useUpdateMe } from '../../lib/session.ts';
import { notifications } from '@mantine/notifications';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const session = useFullSession();
  const updateMe = useUpdateMe();
  const logout = useLogout();

  const selectLanguage = (language: Language) => {
    void changeLanguage(language);
    // Remember the choice on the server so it follows the user to other devices.
    updateMe.mutate(
      { language },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            message: error instanceof ApiError && error.detail ? error.detail : t('errors.unexpected'),
            closeButtonProps: { 'aria-label': t('common.close') },
          }),
      },
    );
  };

  // Once the session is cleared the route guard moves to the login page (and this menu unmounts).
  const logOut = () => {
    notifySuccess(t('auth.loggedOut'));
    logout.mutate();
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="dark" leftSection={<UserIcon />} maw={200}>
          <span className="setara-visually-hidden">{t('userMenu.label')}: </span>
          <Text span truncate="end" inherit maw={150}>
            {session.user.displayName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{session.user.email}</Menu.Label>
        <Menu.Item component={Link} to={paths.account}>
          {t('nav.account')}
        </Menu.Item>
        <Menu.Divider />
        <LanguageMenuItems current={i18n.language} onSelect={selectLanguage} />
        <Menu.Divider />
        <Menu.Item onClick={logOut} disabled={logout.isPending}>
          {t('auth.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
