import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultLanguage, localeOf } from '../../shared/roles.ts';
import { isLanguage } from './i18n.ts';

export interface Formatters {
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  number: (value: number) => string;
}

/** Dates and numbers through Intl in the UI language (`id-ID` or `en-GB`). */
export function makeFormatters(language: string): Formatters {
  const locale = localeOf[isLanguage(language) ? language : defaultLanguage];
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const numberFormat = new Intl.NumberFormat(locale);
  const parse = (iso: string | null | undefined): Date | null => {
    if (!iso) return null;
    // A bare calendar date (`2025-03-01`) is a day, not an instant: read it in local time so it never
    // shows as the day before west of Greenwich.
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  };
  return {
    dateTime: (iso) => {
      const date = parse(iso);
      return date ? dateTimeFormat.format(date) : '—';
    },
    date: (iso) => {
      const date = parse(iso);
      return date ? dateFormat.format(date) : '—';
    },
    number: (value) => numberFormat.format(value),
  };
}

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}

/**
 * `<input type="date">` gives `YYYY-MM-DD` in the user's own day; the API wants an ISO instant.
 * `endOfDay` turns a "to" date into the last millisecond of that day so the filter includes it.
 */
export function dateInputToIso(value: string, endOfDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = endOfDay ? new Date(year, month - 1, day, 23, 59, 59, 999) : new Date(year, month - 1, day);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Today's date in the user's own day as `YYYY-MM-DD`, the format of `<input type="date">` and the API. */
export function todayIso(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
