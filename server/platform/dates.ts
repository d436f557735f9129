/** Calendar date (YYYY-MM-DD) in Jakarta (WIB), where SPN works: "today" for dated history. */
export function isoDateIn(date: Date, timeZone = 'Asia/Jakarta'): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
