/**
 * The CSV export's columns in the runner's units, written beside the SI columns they come
 * from (never instead: the SI columns stay the record). Each table's description lists its
 * own (tables/*.ts `unitColumns`); these are the kinds. The header says the unit:
 * distance_m → distance_mi (or distance_km), onset_m → onset_mi, elevation_gain_m →
 * elevation_gain_ft (with miles; metres are already the runner's unit with kilometres),
 * duration_s → duration_hms (h:mm:ss), load_kg → load_lb (with pounds), and a run's pace as
 * pace_per_mi (m:ss). Factors are exact by definition (shared/units.ts).
 */
import type { Settings } from '../../shared/domain';
import { formatDuration, fromElevationMetres, fromKilograms, fromMetres } from '../../shared/units';
import type { ExportValue, UnitColumn, UnitColumnSpec } from './table';

const number = (value: ExportValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const rounded = (value: number, decimals: number): number => Number(value.toFixed(decimals));
/** "distance_m" → "distance". */
const base = (column: string): string => column.replace(/_(m|s|kg)$/, '');

/** A distance in metres (`distance_m`, `onset_m`) in miles or kilometres, to 3 decimals: `distance_mi`. */
export const inRunnerDistance =
  (column: string): UnitColumnSpec =>
  ({ units }) => ({ name: `${base(column)}_${units}`, value: (row) => (number(row[column]) === null ? null : rounded(fromMetres(number(row[column])!, units), 3)) });

/** An elevation in metres in whole feet, with miles only (metres are the kilometre runner's unit): `elevation_gain_ft`. */
export const inRunnerElevation =
  (column: string): UnitColumnSpec =>
  ({ units }) =>
    units !== 'mi' ? null : { name: `${base(column)}_ft`, value: (row) => (number(row[column]) === null ? null : Math.round(fromElevationMetres(number(row[column])!, units))) };

/** A duration in seconds as h:mm:ss: `duration_hms`. */
export const asHoursMinutesSeconds =
  (column: string): UnitColumnSpec =>
  () => ({ name: `${base(column)}_hms`, value: (row) => (number(row[column]) === null ? null : formatDuration(number(row[column])!)) });

/** A load in kilograms in pounds to one decimal, for a runner who counts in pounds: `load_lb`. */
export const inRunnerLoad =
  (column: string): UnitColumnSpec =>
  ({ loadUnit }) =>
    loadUnit !== 'lb' ? null : { name: `${base(column)}_lb`, value: (row) => (number(row[column]) === null ? null : rounded(fromKilograms(number(row[column])!, 'lb'), 1)) };

/** A run's average pace (duration_s over distance_m) per mile or kilometre, m:ss: `pace_per_mi`. */
export const pacePerRunnerUnit: UnitColumnSpec = ({ units }) => ({
  name: `pace_per_${units}`,
  value: (row) => {
    const metres = number(row.distance_m);
    const seconds = number(row.duration_s);
    return metres && seconds ? formatDuration(seconds / fromMetres(metres, units)) : null;
  },
});

/** The unit columns of a table for the runner's settings, in its description's order. */
export function unitColumnsFor(specs: readonly UnitColumnSpec[] | undefined, settings: Pick<Settings, 'units' | 'loadUnit'>): UnitColumn[] {
  return (specs ?? []).map((spec) => spec(settings)).filter((column): column is UnitColumn => column !== null);
}
