import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultLanguage, localeOf } from '../../shared/roles.ts';
import { isLanguage } from './i18n.ts';

/**
 * The staff app shows every time in Jakarta time (WIB), where SPN works, whatever zone the browser is
 * in, and says so: the public pages, the exports and the server's "today" use the same zone. Units carry
 * no zone of their own yet; when they do (WITA, WIT), this is the one place to ask for it.
 */
export const appTimeZone = 'Asia/Jakarta';
/** The label shown after a time in `appTimeZone` (the same in both languages). */
export const appTimeZoneLabel = 'WIB';

export interface Formatters {
  /** Date and time of an instant in WIB, labelled: `7 Des 2026, 14.30 WIB`. */
  dateTime: (iso: string | null | undefined) => string;
  /** A calendar date (`2025-03-01`) as it is, or the WIB date of an instant. */
  date: (iso: string | null | undefined) => string;
  /** Time of day of an instant in WIB, labelled: `14.30 WIB`. */
  time: (iso: string | null | undefined) => string;
  /** The same without the zone label, for places that name the zone once (a column headed "(WIB)"). */
  dateTimeUnlabelled: (iso: string | null | undefined) => string;
  timeUnlabelled: (iso: string | null | undefined) => string;
  number: (value: number) => string;
}

const bareDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates, times and numbers through Intl in the UI language (`id-ID` or `en-GB`), times in WIB. */
export function makeFormatters(language: string): Formatters {
  const locale = localeOf[isLanguage(language) ? language : defaultLanguage];
  const timeZone = appTimeZone;
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  // A bare calendar date is a day, not an instant: shown as that day in any zone (read as UTC midnight).
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const instant = (iso: string | null | undefined): Date | null => {
    if (!iso) return null;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  };
  const shown = (format: Intl.DateTimeFormat, label: boolean) => (iso: string | null | undefined) => {
    const date = instant(iso);
    return date ? `${format.format(date)}${label ? ` ${appTimeZoneLabel}` : ''}` : '—';
  };
  return {
    dateTime: shown(dateTimeFormat, true),
    time: shown(timeFormat, true),
    dateTimeUnlabelled: shown(dateTimeFormat, false),
    timeUnlabelled: shown(timeFormat, false),
    date: (iso) => {
      const day = iso ? bareDate.exec(iso) : null;
      if (day) {
        const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
        return Number.isNaN(date.getTime()) ? '—' : dayFormat.format(date);
      }
      const date = instant(iso);
      return date ? dateFormat.format(date) : '—';
    },
    number: (value) => numberFormat(locale).format(value),
  };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const numberFormat = (locale: string) => {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
};

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}

/** WIB is UTC+7 all year (no summer time since 1964), so a Jakarta day starts at `T00:00+07:00`. */
const jakartaOffset = '+07:00';

/**
 * `<input type="date">` gives `YYYY-MM-DD`, a day in WIB like every time the app shows; the API wants an
 * ISO instant. `endOfDay` turns a "to" date into the last millisecond of that day so the filter includes it.
 */
export function dateInputToIso(value: string, endOfDay = false): string | undefined {
  const day = bareDate.exec(value);
  if (!day) return undefined;
  // No rolling over: 2026-02-30 is no day at all.
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const check = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) return undefined;
  const date = new Date(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}${jakartaOffset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Today's date in WIB as `YYYY-MM-DD`, the format of `<input type="date">` and the API. */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: appTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
