import type { DistanceUnit } from './domain';

/** Exact by definition (international mile, 1959). */
export const METRES_PER_MILE = 1609.344;
export const METRES_PER_KILOMETRE = 1000;

export function metresPer(unit: DistanceUnit): number {
  return unit === 'mi' ? METRES_PER_MILE : METRES_PER_KILOMETRE;
}

export function toMetres(distance: number, unit: DistanceUnit): number {
  return distance * metresPer(unit);
}

export function fromMetres(metres: number, unit: DistanceUnit): number {
  return metres / metresPer(unit);
}

export function unitLabel(unit: DistanceUnit, count = 2): string {
  if (unit === 'km') return 'km';
  return count === 1 ? 'mile' : 'miles';
}

/** "6.21 mi" / "10.00 km". */
export function formatDistance(metres: number, unit: DistanceUnit, decimals = 2): string {
  return `${fromMetres(metres, unit).toFixed(decimals)} ${unit}`;
}

/** 3725 → "1:02:05"; 605 → "10:05". Rounds to the nearest second. */
export function formatDuration(totalSeconds: number): string {
  const rounded = Math.round(totalSeconds);
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.floor((rounded % 3600) / 60);
  const seconds = rounded % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Pace as time per mile or kilometre: "8:03 /mi". */
export function formatPace(metres: number, seconds: number, unit: DistanceUnit): string {
  if (!(metres > 0) || !(seconds > 0)) return '–';
  const secondsPerUnit = seconds / fromMetres(metres, unit);
  return `${formatDuration(secondsPerUnit)} /${unit}`;
}

/**
 * Reads a duration typed by a runner: "h:mm:ss", "mm:ss" or whole minutes ("45").
 * Returns null when it is not a duration (the caller says so in words).
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}(:\d{1,2}){0,2}$/.test(trimmed)) return null;
  const parts = trimmed.split(':').map(Number);
  if (parts.length === 1) return parts[0]! * 60;
  const [a, b, c] = parts;
  if (parts.length === 2) {
    if (b! >= 60) return null;
    return a! * 60 + b!;
  }
  if (b! >= 60 || c! >= 60) return null;
  return a! * 3600 + b! * 60 + c!;
}

/** Reads a distance typed with a dot or a comma as decimal separator. Null if not a number. */
export function parseDecimal(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised)) return null;
  return Number(normalised);
}

/** Exact by definition (international foot, 1959): 0.3048 m. */
export const METRES_PER_FOOT = 0.3048;
/** Exact by definition (international pound, 1959): 0.45359237 kg. */
export const KILOGRAMS_PER_POUND = 0.45359237;

export type ElevationUnit = 'ft' | 'm';
export type LoadUnitSymbol = 'kg' | 'lb';

/** Elevation follows the distance unit: feet with miles, metres with kilometres. */
export function elevationUnit(unit: DistanceUnit): ElevationUnit {
  return unit === 'mi' ? 'ft' : 'm';
}

/** Metres of elevation (or climb) in the runner's elevation unit. */
export function fromElevationMetres(metres: number, unit: DistanceUnit): number {
  return unit === 'mi' ? metres / METRES_PER_FOOT : metres;
}

/** "312 ft" / "95 m": whole feet or metres. */
export function formatElevation(metres: number, unit: DistanceUnit): string {
  return `${Math.round(fromElevationMetres(metres, unit))} ${elevationUnit(unit)}`;
}

/** A load in kilograms in the runner's load unit. */
export function fromKilograms(kilograms: number, unit: LoadUnitSymbol): number {
  return unit === 'lb' ? kilograms / KILOGRAMS_PER_POUND : kilograms;
}

/** A load typed in the runner's load unit, in kilograms (as stored). */
export function toKilograms(load: number, unit: LoadUnitSymbol): number {
  return unit === 'lb' ? load * KILOGRAMS_PER_POUND : load;
}

/** "20 kg", "17.5 kg", "45 lb" (a pound figure to the nearest half pound). */
export function formatLoad(kilograms: number, unit: LoadUnitSymbol): string {
  const value = fromKilograms(kilograms, unit);
  const rounded = unit === 'lb' ? Math.round(value * 2) / 2 : Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1)} ${unit}`;
}
