import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { isLanguage, changeLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.ts';

/** The language the server remembers for this user wins over the one chosen before login. */
function useSessionLanguage(): void {
  const { data: session } = useSession();
  const language = session?.user.language;
  useEffect(() => {
    if (isLanguage(language)) void changeLanguage(language);
  }, [language]);
}

/**
 * After a client-side navigation, move focus to the main region so screen reader and keyboard users
 * start at the new page's content rather than at the link they used.
 */
function useFocusMainOnNavigate(): void {
  const { pathname } = useLocation();
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    document.getElementById('main-content')?.focus({ preventScroll: false });
  }, [pathname]);
}

export function RootLayout() {
  useSessionLanguage();
  useFocusMainOnNavigate();
  return <Outlet />;
}
