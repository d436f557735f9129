import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultLanguage, localeOf } from '../../../../shared/roles.ts';
import { makeFormatters } from '../../../lib/format.ts';
import { isLanguage } from '../../../lib/i18n.ts';

/** Shares (basis points) as percentages, gaps as signed points, parity as a ratio, in the UI language. */
export function useShareFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const locale = localeOf[isLanguage(i18n.language) ? i18n.language : defaultLanguage];
    const percent = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const signed = new Intl.NumberFormat(locale, {
      signDisplay: 'exceptZero',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const ratio = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const formatters = makeFormatters(i18n.language);
    return {
      share: (bp: number | null) => (bp === null ? '—' : percent.format(bp / 10000)),
      gap: (bp: number | null) => (bp === null ? '—' : signed.format(bp / 100)),
      parity: (value: number | null) => (value === null ? '—' : ratio.format(value / 100)),
      /** Time of day in WIB with its label, through the app's one formatter. */
      time: (iso: string) => formatters.time(iso),
      /** "3 minutes ago", "now", "2 hours ago". */
      ago: (iso: string, now: number) => {
        const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
        return Math.abs(minutes) < 90
          ? relative.format(minutes, 'minute')
          : relative.format(Math.round(minutes / 60), 'hour');
      },
    };
  }, [i18n.language]);
}
