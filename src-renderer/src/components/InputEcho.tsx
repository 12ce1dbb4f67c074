import { formatLocalDate, formatLocalTime } from '../local-clock';

/**
 * The chosen date (YYYY-MM-DD) or time (HH:mm) of a native input, written beside it in the app's
 * one format ("Sun, 29 Nov 2026", "07:30" or "7:30 AM" by the app's locale). A native date or
 * time input is drawn by Chromium, which may follow the system rather than the app's locale;
 * this line says in the window's own words what was chosen, so the two never disagree.
 * Nothing is shown for an empty or incomplete value.
 */
export function InputEcho({ value, kind, id }: { value: string; kind: 'date' | 'time'; id?: string }) {
  const valid = kind === 'date' ? /^\d{4}-\d{2}-\d{2}$/.test(value) : /^\d{2}:\d{2}$/.test(value);
  if (!valid) return null;
  return (
    <span className="input-echo" id={id} data-testid={`${kind}-echo`}>
      {kind === 'date' ? formatLocalDate(value) : formatLocalTime(value)}
    </span>
  );
}
