/** Dates and times in Europe/Stockholm, written the Swedish way (or English when asked). */
export const TIME_ZONE = 'Europe/Stockholm';

type Lang = 'sv' | 'en';
const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'sv-SE');

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${lang}:${key}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, ...options });
    cache.set(k, f);
  }
  return f;
}

/** 2026-11-23 (ISO date in Stockholm; the Swedish standard form in both languages). */
export function formatDate(d: Date): string {
  return fmt('sv', 'date', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** 14:30 */
export function formatTime(d: Date): string {
  return fmt('sv', 'time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** 2026-11-23 14:30 */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)} ${formatTime(d)}`;
}

/** måndag 23 november 2026 / Monday 23 November 2026 */
export function formatLongDate(d: Date, lang: Lang = 'sv'): string {
  return fmt(lang, 'long', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** The wall-clock parts of an instant in Stockholm. */
export function stockholmParts(d: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = fmt('sv', 'parts', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The instant of a wall-clock time in Stockholm (handles daylight saving). */
export function stockholmTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // Offset at the guess, then correct once more for instants near a change.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = stockholmParts(new Date(t));
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    t = t + (guess - asUtc);
  }
  return new Date(t);
}

/** The Stockholm calendar day of an instant, as 'YYYY-MM-DD' (the same as formatDate). */
export function stockholmDay(d: Date): string {
  return formatDate(d);
}

/** The instant of a Stockholm date ('YYYY-MM-DD') and time ('HH:MM'). */
export function stockholmInstant(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return stockholmTime(y, m, d, hh, mm);
}

/** 'HH:MM' in Stockholm. */
export function stockholmClock(d: Date): string {
  return formatTime(d);
}
