/**
 * The four Insights charts as Chart.js configurations, in the runner's units. No animation:
 * ten years of runs draw at once, and what a runner sees is never mid-transition.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import type { GroupSurvival, Insights } from '../../../../src-main/shared/insights';
import { fromMetres } from '../../../../src-main/shared/units';
import { shortDate } from './wording';

export const colours = {
  onPlan: '#1d6b57',
  onPlanBand: 'rgba(29, 107, 87, 0.14)',
  skipped: '#c2410c',
  skippedBand: 'rgba(194, 65, 12, 0.14)',
  pain: '#b42318',
  painFree: '#1d6b57',
  planned: '#9aa5b1',
  distance: '#3e4c59',
  grid: '#ece9e1',
};

type XY = { x: number; y: number };

const base = {
  animation: false as const,
  responsive: true,
  maintainAspectRatio: false,
  // Data is already {x, y} in increasing x where it matters: skip Chart.js's own parsing.
  parsing: false as const,
  plugins: {
    legend: { position: 'bottom' as const, labels: { usePointStyle: true, boxHeight: 8 } },
    // Long lines (ten years of days) are thinned to what the canvas can show.
    decimation: { enabled: true, algorithm: 'min-max' as const },
  },
};

/** Chart 1: where the pain began (or the distance run pain-free) against days since the last glute session. */
export function onsetScatter(insights: Insights, unit: DistanceUnit): ChartConfiguration {
  const onsets: XY[] = [];
  const painFree: XY[] = [];
  for (const run of insights.runs) {
    if (run.daysSinceGluteSession === null) continue;
    // Spread sideways a little (by run, always the same) so that runs on the same day count do not hide each other.
    const jitter = (((run.runId * 37) % 11) - 5) / 28;
    const point = { x: run.daysSinceGluteSession + jitter, y: fromMetres(run.outcomeMetres, unit) };
    (run.pain ? onsets : painFree).push(point);
  }
  return {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'Pain began here', data: onsets, backgroundColor: colours.pain, borderColor: colours.pain, pointRadius: 3.5, pointStyle: 'circle' },
        {
          label: 'Pain-free the whole run (full distance)',
          data: painFree,
          backgroundColor: '#ffffff',
          borderColor: colours.painFree,
          borderWidth: 1.5,
          pointRadius: 4,
          pointStyle: 'triangle',
        },
      ],
    },
    options: {
      ...base,
      scales: {
        x: { type: 'linear', min: -0.5, title: { display: true, text: 'Days since your last glute session' }, ticks: { stepSize: 1, callback: (value) => (Number.isInteger(value) && (value as number) >= 0 ? String(value) : '') }, grid: { color: colours.grid } },
        y: { type: 'linear', min: 0, title: { display: true, text: `Distance into the run (${unit})` }, grid: { color: colours.grid } },
      },
    },
  };
}

function steps(group: GroupSurvival, unit: DistanceUnit, value: (point: GroupSurvival['curve'][number]) => number): XY[] {
  const points = group.curve.map((point) => ({ x: fromMetres(point.distanceMetres, unit), y: 100 * value(point) }));
  const last = group.curve[group.curve.length - 1];
  // Carry the last level on to the longest run: the curve is known that far.
  if (last && group.longestMetres > last.distanceMetres) points.push({ x: fromMetres(group.longestMetres, unit), y: 100 * value(last) });
  return points;
}

/** Chart 2: Kaplan–Meier "still pain-free at this distance", on plan vs skipped, with 95% bands. */
export function survivalCurves(insights: Insights, unit: DistanceUnit): ChartConfiguration {
  const groups = [
    { name: 'After on-plan weeks', group: insights.survival.onPlan, line: colours.onPlan, band: colours.onPlanBand },
    { name: 'After skipped weeks', group: insights.survival.skipped, line: colours.skipped, band: colours.skippedBand },
  ];
  const datasets: ChartDataset<'line', XY[]>[] = [];
  for (const { name, group, line, band } of groups) {
    if (group.runs === 0) continue;
    datasets.push(
      { label: `${name} (${group.runs} runs)`, data: steps(group, unit, (p) => p.stillPainFree), borderColor: line, backgroundColor: line, borderWidth: 2.5, stepped: true, pointRadius: 0 },
      { label: `${name}: 95% band`, data: steps(group, unit, (p) => p.upper), borderColor: 'transparent', backgroundColor: band, stepped: true, pointRadius: 0, fill: false },
      { label: `${name}: 95% band (lower)`, data: steps(group, unit, (p) => p.lower), borderColor: 'transparent', backgroundColor: band, stepped: true, pointRadius: 0, fill: '-1' },
    );
  }
  return {
    type: 'line',
    data: { datasets },
    options: {
      ...base,
      plugins: {
        ...base.plugins,
        legend: { ...base.plugins.legend, labels: { ...base.plugins.legend.labels, filter: (item) => !item.text.includes('(lower)') } },
      },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: `Distance into the run (${unit})` }, grid: { color: colours.grid } },
        y: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'Runs still pain-free (%)' }, grid: { color: colours.grid } },
      },
    },
  };
}

/** Chart 3: each week's glute sessions done and planned, its distance, and each run's onset. */
export function weeksChart(insights: Insights, unit: DistanceUnit): ChartConfiguration {
  const weeks = insights.weeks;
  const indexOfWeek = new Map(weeks.map((week, index) => [week.weekStart, index]));
  const weekIndexOf = (date: string) => {
    // The week holding `date`: the last week start on or before it.
    let low = 0;
    let high = weeks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((weeks[middle]?.weekStart ?? '') <= date) low = middle;
      else high = middle - 1;
    }
    return indexOfWeek.get(weeks[low]?.weekStart ?? '') ?? 0;
  };
  const onsets = insights.runs.filter((run) => run.pain).map((run) => ({ x: weekIndexOf(run.localDate), y: fromMetres(run.outcomeMetres, unit) }));
  const datasets = [
    { type: 'bar' as const, label: 'Glute sessions done', data: weeks.map((week, x) => ({ x, y: week.gluteSessionsDone })), backgroundColor: colours.onPlan, yAxisID: 'sessions', order: 3 },
    {
      type: 'line' as const,
      label: 'Glute sessions planned',
      data: weeks.map((week, x) => ({ x, y: Math.round(week.gluteSessionsPlanned * 10) / 10 })),
      borderColor: colours.planned,
      backgroundColor: colours.planned,
      borderDash: [4, 3],
      stepped: 'middle' as const,
      pointRadius: 0,
      yAxisID: 'sessions',
      order: 2,
    },
    {
      type: 'line' as const,
      label: `Distance that week (${unit})`,
      data: weeks.map((week, x) => ({ x, y: fromMetres(week.distanceMetres, unit) })),
      borderColor: colours.distance,
      backgroundColor: colours.distance,
      borderWidth: 1.5,
      pointRadius: 0,
      yAxisID: 'distance',
      order: 1,
    },
    { type: 'scatter' as const, label: `Where pain began (${unit})`, data: onsets, backgroundColor: colours.pain, borderColor: colours.pain, pointRadius: 3, yAxisID: 'distance', order: 0 },
  ];
  return {
    type: 'bar',
    data: { datasets: datasets as ChartConfiguration['data']['datasets'] },
    options: {
      ...base,
      scales: {
        x: {
          type: 'linear',
          min: -0.5,
          max: Math.max(0.5, weeks.length - 0.5),
          grid: { display: false },
          ticks: { stepSize: Math.max(1, Math.ceil(weeks.length / 6)), callback: (value) => (Number.isInteger(value) && weeks[value as number] ? shortDate(weeks[value as number]!.weekStart) : ''), maxRotation: 0 },
          title: { display: true, text: 'Week' },
        },
        sessions: { type: 'linear', position: 'left', min: 0, ticks: { precision: 0 }, title: { display: true, text: 'Glute sessions' }, grid: { color: colours.grid } },
        distance: { type: 'linear', position: 'right', min: 0, title: { display: true, text: unit }, grid: { display: false } },
      },
    },
  };
}

/** Chart 4: acute:chronic ratio of daily distance, with sudden jumps marked. */
export function loadChart(insights: Insights): ChartConfiguration {
  const days = insights.load.days;
  const indexOf = new Map(days.map((day, index) => [day.date, index]));
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Acute:chronic ratio (7-day ÷ 28-day average)',
          data: days.flatMap((day, x) => (day.ratio === null ? [] : [{ x, y: day.ratio }])),
          borderColor: colours.distance,
          backgroundColor: colours.distance,
          borderWidth: 1.5,
          pointRadius: 0,
        },
        {
          label: `Sudden jump (above ${insights.load.jumpAbove})`,
          data: insights.load.jumps.map((day) => ({ x: indexOf.get(day.date) ?? 0, y: day.ratio ?? 0 })),
          borderColor: colours.pain,
          backgroundColor: colours.pain,
          showLine: false,
          pointRadius: 4,
          pointStyle: 'rectRot',
        },
        {
          label: `${insights.load.jumpAbove}: where a jump is marked`,
          data: days.length > 0 ? [{ x: 0, y: insights.load.jumpAbove }, { x: days.length - 1, y: insights.load.jumpAbove }] : [],
          borderColor: colours.pain,
          backgroundColor: colours.pain,
          borderDash: [5, 4],
          borderWidth: 1,
          pointRadius: 0,
        },
      ],
    },
    options: {
      ...base,
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: Math.max(1, days.length - 1),
          grid: { display: false },
          ticks: { stepSize: Math.max(1, Math.ceil(days.length / 6)), callback: (value) => (Number.isInteger(value) && days[value as number] ? shortDate(days[value as number]!.date) : ''), maxRotation: 0 },
        },
        y: { type: 'linear', min: 0, title: { display: true, text: 'Ratio' }, grid: { color: colours.grid } },
      },
    },
  };
}
