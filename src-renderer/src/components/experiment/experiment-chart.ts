/**
 * The result's picture: Kaplan–Meier curves of "still pain-free at this distance" for each arm
 * (every onset a step), and every pain-free run as a tick on its arm's curve at the distance it
 * ended. A picture of the data, labelled as such; the decision is the randomisation test's.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ExperimentArmSummary } from '../../../../src-main/shared/experiment';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { fromMetres } from '../../../../src-main/shared/units';
import { themeColour } from '../../theme';
import { armNames } from './experiment-words';

type XY = { x: number; y: number };

/** The curve's level (0–100 %) just after `metres`. */
export function painFreeAt(arm: ExperimentArmSummary, metres: number): number {
  let level = 100;
  for (const step of arm.curve) if (step.distanceMetres <= metres) level = 100 * step.painFree;
  return level;
}

/** The stepped points of an arm's curve, from 100% at 0 to its longest run. */
export function curvePoints(arm: ExperimentArmSummary, unit: DistanceUnit): XY[] {
  const points: XY[] = [{ x: 0, y: 100 }];
  for (const step of arm.curve) points.push({ x: fromMetres(step.distanceMetres, unit), y: 100 * step.painFree });
  const longest = Math.max(0, ...arm.censoredAt, ...arm.curve.map((step) => step.distanceMetres));
  const last = points[points.length - 1]!;
  if (fromMetres(longest, unit) > last.x) points.push({ x: fromMetres(longest, unit), y: last.y });
  return points;
}

/** Ticks for the pain-free runs: on the curve at the distance each ended. */
export function censorPoints(arm: ExperimentArmSummary, unit: DistanceUnit): XY[] {
  return arm.censoredAt.map((metres) => ({ x: fromMetres(metres, unit), y: painFreeAt(arm, metres) }));
}

export function experimentCurves(arms: readonly ExperimentArmSummary[], unit: DistanceUnit): ChartConfiguration {
  const colour = (arm: ExperimentArmSummary) => () => themeColour(arm.arm === 'activation' ? '--chart-on-plan' : '--chart-skipped');
  const datasets: ChartDataset<'line' | 'scatter', XY[]>[] = [];
  let longest = 0;
  for (const arm of arms) {
    const points = curvePoints(arm, unit);
    longest = Math.max(longest, points[points.length - 1]!.x);
    datasets.push({
      type: 'line',
      label: `${armNames[arm.arm]} (${arm.runs} runs, ${arm.onsets} with pain)`,
      data: points,
      borderColor: colour(arm),
      backgroundColor: colour(arm),
      borderWidth: 2.5,
      stepped: true,
      pointRadius: 0,
      borderDash: arm.arm === 'none' ? [6, 4] : [],
    });
    datasets.push({
      type: 'scatter',
      label: `${armNames[arm.arm]}: pain-free runs (tick at their end)`,
      data: censorPoints(arm, unit),
      borderColor: colour(arm),
      backgroundColor: colour(arm),
      pointStyle: 'line',
      pointRotation: 90,
      pointRadius: 6,
      pointBorderWidth: 2,
    });
  }
  return {
    type: 'line',
    data: { datasets: datasets as ChartDataset<'line', XY[]>[] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, boxHeight: 8 } } },
      scales: {
        x: { type: 'linear', min: 0, max: Math.max(1, Math.ceil(longest * 1.05)), title: { display: true, text: `Distance into the run (${unit})` } },
        y: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'Runs still pain-free (%)' } },
      },
    },
  };
}
