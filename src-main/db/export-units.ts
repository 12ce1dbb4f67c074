/**
 * The CSV export's columns in the runner's units, written beside the SI columns they come
 * from (never instead: the SI columns stay the record). The header says the unit:
 * distance_m → distance_mi (or distance_km), onset_m → onset_mi, elevation_gain_m →
 * elevation_gain_ft (with miles; metres are already the runner's unit with kilometres),
 * duration_s → duration_hms (h:mm:ss), load_kg → load_lb (with pounds), and each run's pace
 * as pace_per_mi (m:ss). Factors are exact by definition (shared/units.ts).
 */
import type { Settings } from '../shared/domain';
import { formatDuration, fromElevationMetres, fromKilograms, fromMetres } from '../shared/units';
import type { ExportRow, ExportValue } from './export';

export interface UnitColumn {
  /** The header, with its unit: "distance_mi". */
  name: string;
  value: (row: ExportRow) => ExportValue;
}

const number = (value: ExportValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const rounded = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** The columns in the runner's units for a table with `columns` (SI names), in the order they follow. */
export function unitColumns(columns: readonly string[], settings: Pick<Settings, 'units' | 'loadUnit'>): UnitColumn[] {
  const { units, loadUnit } = settings;
  const out: UnitColumn[] = [];
  for (const column of columns) {
    if (column === 'distance_m' || column === 'onset_m') {
      const base = column.slice(0, -2);
      out.push({ name: `${base}_${units}`, value: (row) => (number(row[column]) === null ? null : rounded(fromMetres(number(row[column])!, units), 3)) });
    } else if ((column === 'elevation_gain_m' || column === 'elevation_loss_m') && units === 'mi') {
      const base = column.slice(0, -2);
      out.push({ name: `${base}_ft`, value: (row) => (number(row[column]) === null ? null : Math.round(fromElevationMetres(number(row[column])!, units))) });
    } else if (column === 'duration_s' || column === 'moving_s') {
      const base = column.slice(0, -2);
      out.push({ name: `${base}_hms`, value: (row) => (number(row[column]) === null ? null : formatDuration(number(row[column])!)) });
    } else if (column === 'load_kg' && loadUnit === 'lb') {
      out.push({ name: 'load_lb', value: (row) => (number(row[column]) === null ? null : rounded(fromKilograms(number(row[column])!, 'lb'), 1)) });
    }
  }
  if (columns.includes('distance_m') && columns.includes('duration_s') && columns.includes('started_at')) {
    out.push({
      name: `pace_per_${units}`,
      value: (row) => {
        const metres = number(row.distance_m);
        const seconds = number(row.duration_s);
        return metres && seconds ? formatDuration(seconds / fromMetres(metres, units)) : null;
      },
    });
  }
  return out;
}
