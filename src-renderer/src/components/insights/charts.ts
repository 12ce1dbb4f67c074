/**
 * The Insights charts as Chart.js configurations, in the runner's units. No animation: ten
 * years of runs draw at once, and what a runner sees is never mid-transition.
 *
 * Every chart draws every run (or week, or day) it describes: each axis range is set from ALL
 * the points, never left to Chart.js (which, with parsing off, takes it from the first and last
 * point). Each builder also returns the rows of its numbers table, each with the (x, y) it was
 * drawn at, so a test can check that every row lies inside the drawn axes. Gaps of more than 4
 * weeks without running are drawn as breaks (a short jump with a label), not as months of nothing.
 *
 * Colours come from the theme tokens (styles.css, --chart-*), so each theme draws in its own.
 */
import { Chart, type ChartConfiguration, type ChartDataset, type Scale } from 'chart.js';
import { toFont } from 'chart.js/helpers';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { DAYS_SINCE_CAP, type GroupSurvival, type Insights } from '../../../../src-main/shared/insights';
import { fromMetres } from '../../../../src-main/shared/units';
import { themeColour } from '../../theme';
import { shortDate } from './wording';

/** One row of a chart's numbers table and where it was drawn (`axis`: the y axis's id). */
export interface ChartRow {
  cells: string[];
  point: { x: number; y: number; axis: string } | null;
}

export interface InsightsChart {
  config: ChartConfiguration;
  rows: ChartRow[];
}

/** A colour that reads a theme token (--chart-* in styles.css) when the chart is drawn. */
export type ThemeToken = (() => string) & { readonly themeToken: string };

function isThemeToken(value: unknown): value is ThemeToken {
  return typeof value === 'function' && typeof (value as Partial<ThemeToken>).themeToken === 'string';
}

/**
 * The charts' colours: each a theme token (--chart-* in styles.css, light and dark), a function
 * that reads the token's value, so the same configuration is drawn in whichever theme the page
 * shows then: ChartCanvas reads every token once as it draws (resolveThemeColours) and draws
 * again when the theme changes.
 */
export function palette() {
  const token = (name: string): ThemeToken => Object.assign(() => themeColour(name), { themeToken: name });
  return {
    onPlan: token('--chart-on-plan'),
    onPlanBand: token('--chart-on-plan-band'),
    skipped: token('--chart-skipped'),
    skippedBand: token('--chart-skipped-band'),
    pain: token('--chart-pain'),
    painFree: token('--chart-pain-free'),
    painFreeFill: token('--chart-pain-free-fill'),
    planned: token('--chart-planned'),
    distance: token('--chart-distance'),
    grid: token('--chart-grid'),
    breakLine: token('--chart-break'),
    text: token('--chart-text'),
    kneeCheck: token('--chart-knee-check'),
    notJudged: token('--chart-not-judged'),
    notJudgedFill: token('--chart-not-judged-fill'),
  };
}

/**
 * The configuration with every theme token (palette()) replaced by the colour it reads now, in the
 * datasets and the options (a copy; data points are shared, not copied). Chart.js resolves a
 * function-valued (scriptable) option again for every point it draws and cannot share one
 * resolved set of options between points, which with ten years of runs took seconds; plain
 * colours are resolved once per dataset. Other functions (callbacks, per-point rules) are kept.
 */
export function resolveThemeColours<T>(config: T): T {
  const resolve = (value: unknown, key: string | null): unknown => {
    if (isThemeToken(value)) return value();
    if (key === 'data' && Array.isArray(value)) return value;
    if (Array.isArray(value)) return value.map((item) => resolve(item, null));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const copy: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) copy[name] = resolve(item, name);
      return copy;
    }
    return value;
  };
  return resolve(config, null) as T;
}

type XY = { x: number; y: number };
/** A hole in a line (Chart.js skips a point whose y is NaN; with parsing off, null is not allowed). */
const hole = (x: number): XY => ({ x, y: Number.NaN });

const base = {
  animation: false as const,
  responsive: true,
  maintainAspectRatio: false,
  parsing: false as const,
  plugins: {
    legend: { position: 'bottom' as const, labels: { usePointStyle: true, boxHeight: 8 } },
  },
};

/** A round number a little above the largest value (so the top tick reads 14, not 13.1), never 0. */
function roomAbove(largest: number): number {
  if (!(largest > 0)) return 1;
  const target = largest * 1.04;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= target) return step * magnitude;
  return 10 * magnitude;
}

/** Days since the last glute session are drawn up to this; longer spells sit in a "14+" column. */
export const DAYS_AXIS_CAP = 14;

/** The headline's two groups, in the runner's words (the same on the counts, the curves and the scatter). */
export const groupNames = {
  usual: '0–6 days since glute work',
  skipped: '7+ days without glute work',
};

/** Which headline group a run is in (null before any glute session). */
export function groupOf(daysSinceGluteSession: number | null): 'usual' | 'skipped' | null {
  if (daysSinceGluteSession === null) return null;
  return daysSinceGluteSession >= DAYS_SINCE_CAP ? 'skipped' : 'usual';
}

/**
 * Chart 1: where the pain began (or the distance run pain-free) against days since the last glute
 * session, marked by the headline's groups (0–6 days: the usual group's colour; 7+ days: the
 * other's), filled for an onset, open for a pain-free run.
 */
export function onsetScatter(insights: Insights, unit: DistanceUnit): InsightsChart {
  const colours = palette();
  const points = { usual: { onsets: [] as XY[], painFree: [] as XY[] }, skipped: { onsets: [] as XY[], painFree: [] as XY[] } };
  const rows: ChartRow[] = [];
  let largestDays = DAYS_SINCE_CAP;
  let largestDistance = 0;
  for (const run of insights.runs) {
    const group = groupOf(run.daysSinceGluteSession);
    if (group === null || run.daysSinceGluteSession === null) continue;
    const days = Math.min(run.daysSinceGluteSession, DAYS_AXIS_CAP);
    // Spread sideways a little (by run, always the same) so that runs on the same day count do not hide each other.
    const jitter = (((run.runId * 37) % 11) - 5) / 28;
    const point = { x: days + jitter, y: fromMetres(run.outcomeMetres, unit) };
    (run.pain ? points[group].onsets : points[group].painFree).push(point);
    largestDays = Math.max(largestDays, days);
    largestDistance = Math.max(largestDistance, point.y);
    rows.push({
      cells: [
        shortDate(run.localDate),
        String(run.daysSinceGluteSession),
        groupNames[group],
        point.y.toFixed(2),
        run.pain ? 'Pain began' : run.cutShort ? 'Pain-free (cut short because of the knee)' : 'Pain-free the whole run',
      ],
      point: { ...point, axis: 'y' },
    });
  }
  const size = (group: 'usual' | 'skipped') => points[group].onsets.length + points[group].painFree.length;
  // Onsets filled in the pain colour, pain-free runs open in the pain-free colour; the group by shape
  // (0–6 days: circles and triangles; 7+ days: diamonds and squares), each named with its size.
  const shapes = { usual: { pain: 'circle', free: 'triangle' }, skipped: { pain: 'rectRot', free: 'rect' } } as const;
  const datasets: ChartDataset<'scatter', XY[]>[] = [];
  for (const group of ['usual', 'skipped'] as const) {
    datasets.push(
      {
        label: `${groupNames[group]} (${size(group)} runs): pain began here`,
        data: points[group].onsets,
        backgroundColor: colours.pain,
        borderColor: colours.pain,
        pointRadius: group === 'usual' ? 3.5 : 4.5,
        pointStyle: shapes[group].pain,
      },
      {
        label: `${groupNames[group]}: pain-free the whole run (drawn at its full distance)`,
        data: points[group].painFree,
        backgroundColor: colours.painFreeFill,
        borderColor: colours.painFree,
        borderWidth: 1.5,
        pointRadius: 4,
        pointStyle: shapes[group].free,
      },
    );
  }
  return {
    rows,
    config: {
      type: 'scatter',
      data: { datasets },
      options: {
        ...base,
        scales: {
          x: {
            type: 'linear',
            min: -0.5,
            max: largestDays + 0.5,
            title: { display: true, text: 'Days since your last glute session' },
            afterBuildTicks: (axis) => {
              axis.ticks = Array.from({ length: largestDays + 1 }, (_, value) => ({ value }));
            },
            ticks: { callback: (value) => ((value as number) === DAYS_AXIS_CAP ? `${DAYS_AXIS_CAP}+` : String(value)) },
            grid: { color: colours.grid },
          },
          y: { type: 'linear', min: 0, max: roomAbove(largestDistance), title: { display: true, text: `Distance into the run (${unit})` }, grid: { color: colours.grid } },
        },
      },
    },
  };
}

function steps(group: GroupSurvival, unit: DistanceUnit, value: (point: GroupSurvival['curve'][number]) => number | null): XY[] {
  const points: XY[] = [];
  for (const point of group.curve) {
    const y = value(point);
    if (y !== null) points.push({ x: fromMetres(point.distanceMetres, unit), y: 100 * y });
  }
  const last = group.curve[group.curve.length - 1];
  const lastValue = last ? value(last) : null;
  // Carry the last level on to the longest run: the curve is known that far.
  if (last && lastValue !== null && group.longestMetres > last.distanceMetres) points.push({ x: fromMetres(group.longestMetres, unit), y: 100 * lastValue });
  return points;
}

/** "62% (48–74%)", or "0% (no run this long stayed pain-free)" — never "0% (0–0)". */
export function shareText(point: GroupSurvival['curve'][number]): string {
  const share = Math.round(100 * point.stillPainFree);
  if (point.lower === null || point.upper === null) return `${share}% (none of these runs stayed pain-free this far)`;
  return `${share}% (${Math.round(100 * point.lower)}–${Math.round(100 * point.upper)}%)`;
}

/** The Kaplan–Meier point in force at `metres`. */
export function survivalAt(group: GroupSurvival, metres: number): GroupSurvival['curve'][number] | null {
  if (group.runs === 0 || metres > group.longestMetres) return null;
  let point = group.curve[0]!;
  for (const candidate of group.curve) if (candidate.distanceMetres <= metres) point = candidate;
  return point;
}

/** Chart 2: Kaplan–Meier "still pain-free at this distance" for the headline's groups (0–6 days, 7+ days), with 95% bands. */
export function survivalCurves(insights: Insights, unit: DistanceUnit, stepMetres: number): InsightsChart {
  const colours = palette();
  const groups = [
    { name: `After ${groupNames.usual}`, group: insights.survival.usual, line: colours.onPlan, band: colours.onPlanBand },
    { name: `After ${groupNames.skipped}`, group: insights.survival.skipped, line: colours.skipped, band: colours.skippedBand },
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
  const longest = Math.max(insights.survival.usual.longestMetres, insights.survival.skipped.longestMetres);
  const rows: ChartRow[] = [];
  for (let metres = stepMetres; metres <= longest; metres += stepMetres) {
    const onPlan = survivalAt(insights.survival.usual, metres);
    const skipped = survivalAt(insights.survival.skipped, metres);
    const x = fromMetres(metres, unit);
    rows.push({
      cells: [x.toFixed(0), onPlan ? shareText(onPlan) : '–', skipped ? shareText(skipped) : '–'],
      point: { x, y: 100 * (onPlan ?? skipped)!.stillPainFree, axis: 'y' },
    });
  }
  return {
    rows,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        ...base,
        plugins: {
          ...base.plugins,
          legend: { ...base.plugins.legend, labels: { ...base.plugins.legend.labels, filter: (item) => !item.text.includes('(lower)') } },
        },
        scales: {
          x: { type: 'linear', min: 0, max: roomAbove(fromMetres(longest, unit)), title: { display: true, text: `Distance into the run (${unit})` }, grid: { color: colours.grid } },
          y: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'Runs still pain-free (%)' }, grid: { color: colours.grid } },
        },
      },
    },
  };
}

/** Positions along a time axis with gaps of more than 4 weeks collapsed to a short break. */
interface BreakMark {
  x: number;
  weeks: number;
}

const BREAK_WIDTH = 1.5;

/** Vertical dashed lines with "n weeks without runs" where a gap was collapsed. */
function breakDatasets(marks: readonly BreakMark[], yMax: number, yAxisID: string, colour: () => string): ChartDataset<'line', XY[]>[] {
  return marks.map((mark, index) => ({
    label: index === 0 ? 'A break: more than 4 weeks without running' : `break ${index + 1}`,
    data: [
      { x: mark.x, y: 0 },
      { x: mark.x, y: yMax },
    ],
    borderColor: colour,
    backgroundColor: colour,
    borderDash: [3, 3],
    borderWidth: 1.5,
    pointRadius: 0,
    yAxisID,
  }));
}

const legendWithoutExtraBreaks = {
  ...base.plugins.legend,
  labels: { ...base.plugins.legend.labels, filter: (item: { text: string }) => !/^break \d+$/.test(item.text) },
};

/** Chart 3: each week's glute sessions done and planned, its distance, and where each run's pain began. */
export function weeksChart(insights: Insights, unit: DistanceUnit): InsightsChart {
  const colours = palette();
  const weeks = insights.weeks;
  const xs: number[] = [];
  const marks: BreakMark[] = [];
  let x = 0;
  weeks.forEach((week, index) => {
    if (week.gapWeeksBefore > 0 && index > 0) {
      marks.push({ x: x - 0.5 + BREAK_WIDTH / 2, weeks: week.gapWeeksBefore });
      x += BREAK_WIDTH;
    }
    xs.push(x);
    x += 1;
  });
  const weekIndexOf = (date: string) => {
    let low = 0;
    let high = weeks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((weeks[middle]?.weekStart ?? '') <= date) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const onsetsByWeek = new Map<number, string[]>();
  const onsets: XY[] = [];
  for (const run of insights.runs) {
    if (!run.pain || weeks.length === 0) continue;
    const index = weekIndexOf(run.localDate);
    onsets.push({ x: xs[index]!, y: fromMetres(run.outcomeMetres, unit) });
    onsetsByWeek.set(index, [...(onsetsByWeek.get(index) ?? []), fromMetres(run.outcomeMetres, unit).toFixed(1)]);
  }
  // The last week, when the range ends inside it, is the week not yet over: drawn apart ("so far").
  const lastWeek = weeks[weeks.length - 1];
  const soFarIndex = lastWeek?.partial ? weeks.length - 1 : -1;
  const distances = weeks.map((week) => fromMetres(week.distanceMetres, unit));
  const distanceMax = roomAbove(Math.max(0, ...distances, ...onsets.map((point) => point.y)));
  const sessionsMax = Math.max(3, ...weeks.map((week) => Math.max(week.gluteSessionsDone, week.gluteSessionsPlanned ?? 0))) + 1;
  const planned: XY[] = [];
  weeks.forEach((week, index) => {
    if (week.gapWeeksBefore > 0 && index > 0) planned.push(hole(xs[index]! - BREAK_WIDTH / 2 - 0.5));
    planned.push(week.gluteSessionsPlanned !== null ? { x: xs[index]!, y: Math.round(week.gluteSessionsPlanned * 10) / 10 } : hole(xs[index]!));
  });
  const distanceLine: XY[] = [];
  weeks.forEach((week, index) => {
    if (week.gapWeeksBefore > 0 && index > 0) distanceLine.push(hole(xs[index]! - BREAK_WIDTH / 2 - 0.5));
    distanceLine.push({ x: xs[index]!, y: distances[index]! });
  });
  const rows: ChartRow[] = weeks.map((week, index) => ({
    cells: [
      `${shortDate(week.weekStart)}${index === soFarIndex ? ' (so far)' : ''}${week.gapWeeksBefore > 0 && index > 0 ? ` (after ${week.gapWeeksBefore} weeks without runs)` : ''}`,
      String(week.gluteSessionsDone),
      week.gluteSessionsPlanned === null ? 'no plan' : (Math.round(week.gluteSessionsPlanned * 10) / 10).toString(),
      index === soFarIndex
        ? 'this week so far: not judged yet'
        : week.partial
          ? 'part week: not judged'
          : week.gluteSessionsPlanned === null
            ? 'not judged'
            : week.missed
              ? 'fewer than planned'
              : 'as planned',
      distances[index]!.toFixed(1),
      (onsetsByWeek.get(index) ?? []).join(', ') || '–',
      week.ostrcSeverity === null || week.ostrcSeverity === undefined ? '–' : String(week.ostrcSeverity),
    ],
    point: { x: xs[index]!, y: distances[index]!, axis: 'distance' },
  }));
  const tickLabels = new Map(xs.map((value, index) => [value, `${shortDate(weeks[index]!.weekStart)}${index === soFarIndex ? ' so far' : ''}`]));
  const kneeChecks: XY[] = weeks.flatMap((week, index) => (typeof week.ostrcSeverity === 'number' ? [{ x: xs[index]!, y: week.ostrcSeverity }] : []));
  const hasKneeChecks = kneeChecks.length > 0;
  const judgedBars: XY[] = [];
  const partialBars: XY[] = [];
  const missedAt = new Set<number>();
  weeks.forEach((week, index) => {
    const bar = { x: xs[index]!, y: week.gluteSessionsDone };
    (week.partial ? partialBars : judgedBars).push(bar);
    if (!week.partial && week.missed) missedAt.add(bar.x);
  });
  const otherPartial = weeks.some((week, index) => week.partial && index !== soFarIndex);
  const partialLabel =
    soFarIndex >= 0 && !otherPartial
      ? 'This week so far: not judged yet'
      : soFarIndex >= 0
        ? 'Not judged: this week so far, and weeks cut by a break or the range'
        : 'Not judged: weeks cut by a break or the range';
  const datasets = [
    {
      type: 'bar' as const,
      label: 'Glute sessions done (green: as planned or no plan; orange: fewer than planned)',
      data: judgedBars,
      // One colour per bar (in the bars' order): orange where fewer than planned.
      backgroundColor: judgedBars.map((bar) => (missedAt.has(bar.x) ? colours.skipped : colours.onPlan)),
      yAxisID: 'sessions',
      order: 3,
      barPercentage: 0.8,
      categoryPercentage: 1,
      grouped: false,
    },
    // Weeks not judged because they are not whole (this week so far, a week cut by a break or the
    // range's edge): outlined in grey, never in the colours that mean on plan or missed.
    ...(partialBars.length > 0
      ? [
          {
            type: 'bar' as const,
            label: partialLabel,
            data: partialBars,
            backgroundColor: colours.notJudgedFill,
            borderColor: colours.notJudged,
            borderWidth: 1.5,
            borderSkipped: false as const,
            yAxisID: 'sessions',
            order: 3,
            barPercentage: 0.8,
            categoryPercentage: 1,
            grouped: false,
          },
        ]
      : []),
    {
      type: 'line' as const,
      label: 'Glute sessions planned',
      data: planned,
      borderColor: colours.planned,
      backgroundColor: colours.planned,
      borderDash: [4, 3],
      stepped: 'middle' as const,
      pointRadius: 0,
      spanGaps: false,
      yAxisID: 'sessions',
      order: 2,
    },
    {
      type: 'line' as const,
      label: `Distance that week (${unit})`,
      data: distanceLine,
      borderColor: colours.distance,
      backgroundColor: colours.distance,
      borderWidth: 1.5,
      pointRadius: weeks.length > 60 ? 0 : 2,
      spanGaps: false,
      yAxisID: 'distance',
      order: 1,
    },
    { type: 'scatter' as const, label: `Where pain began (${unit} into the run)`, data: onsets, backgroundColor: colours.pain, borderColor: colours.pain, pointRadius: 3, yAxisID: 'distance', order: 0 },
    ...breakDatasets(marks, distanceMax, 'distance', colours.breakLine).map((dataset) => ({ ...dataset, type: 'line' as const, order: 4 })),
    // The weekly knee check (OSTRC-O2 severity), beside the week's glute adherence: only once answered.
    ...(hasKneeChecks
      ? [
          {
            type: 'scatter' as const,
            label: 'Knee check severity (OSTRC, 0–100)',
            data: kneeChecks,
            backgroundColor: colours.kneeCheck,
            borderColor: colours.kneeCheck,
            pointStyle: 'rectRot' as const,
            pointRadius: 5,
            yAxisID: 'ostrc',
            order: 0,
          },
        ]
      : []),
  ];
  return {
    rows,
    config: {
      type: 'bar',
      data: { datasets: datasets as ChartConfiguration['data']['datasets'] },
      options: {
        ...base,
        plugins: {
          ...base.plugins,
          legend: {
            ...legendWithoutExtraBreaks,
            labels: {
              ...legendWithoutExtraBreaks.labels,
              // The done bars' legend mark in the on-plan colour (Chart.js would take the first bar's, orange when it was missed).
              generateLabels: (chart: Chart) =>
                Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) =>
                  item.text.startsWith('Glute sessions done') ? { ...item, fillStyle: colours.onPlan(), strokeStyle: colours.onPlan() } : item,
                ),
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            min: -0.5,
            max: Math.max(0.5, x - 0.5),
            grid: { display: false },
            afterBuildTicks: (axis) => {
              axis.ticks = ticksThatFit(axis, xs, tickLabels);
            },
            ticks: { callback: (value) => tickLabels.get(value as number) ?? '', maxRotation: 0, autoSkip: false },
            title: { display: true, text: marks.length > 0 ? 'Week (dashed lines: breaks of more than 4 weeks without running)' : 'Week' },
          },
          sessions: { type: 'linear', position: 'left', min: 0, max: sessionsMax, ticks: { precision: 0 }, title: { display: true, text: 'Glute sessions' }, grid: { color: colours.grid } },
          distance: { type: 'linear', position: 'right', min: 0, max: distanceMax, title: { display: true, text: unit }, grid: { display: false } },
          ostrc: { type: 'linear', position: 'right', display: hasKneeChecks, min: 0, max: 100, title: { display: true, text: 'Knee check (OSTRC)' }, grid: { display: false } },
        },
      },
    },
  };
}

/**
 * x positions for dated points (days), with gaps of more than 4 weeks collapsed to a short break.
 * Returns each date's x and the break marks.
 */
function datedPositions(dates: readonly string[], gapWeeksBefore: readonly number[]): { xs: number[]; marks: BreakMark[] } {
  const xs: number[] = [];
  const marks: BreakMark[] = [];
  let x = 0;
  let previous: number | null = null;
  dates.forEach((date, index) => {
    const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    if (previous !== null) {
      if ((gapWeeksBefore[index] ?? 0) > 0) {
        marks.push({ x: x + 3.5, weeks: gapWeeksBefore[index]! });
        x += 7;
      } else x += day - previous;
    }
    xs.push(x);
    previous = day;
  });
  return { xs, marks };
}

/**
 * Which of `values` get a label along an axis `widthPx` wide showing min…max, so that no two
 * labels touch: greedily from the left, a value is labelled when its label starts at least
 * `gapPx` after the previous label ends and lies inside the axis. `labelWidth(value)` is the
 * label's width in pixels. Pure (tested in tests/renderer/components/insights/charts.test.ts).
 */
export function spacedTicks(values: readonly number[], labelWidth: (value: number) => number, axis: { min: number; max: number; widthPx: number }, gapPx = 16): number[] {
  const span = axis.max - axis.min;
  if (!(span > 0) || !(axis.widthPx > 0)) return values.slice(0, 1);
  const pixel = (value: number) => ((value - axis.min) / span) * axis.widthPx;
  const chosen: number[] = [];
  let freeFrom = -Infinity;
  for (const value of values) {
    // A label centred before the free space starts cannot fit: skipped without measuring it (ten
    // years of dates would otherwise each be measured on every layout).
    if (pixel(value) < freeFrom) continue;
    const half = labelWidth(value) / 2;
    const left = pixel(value) - half;
    const right = pixel(value) + half;
    if (left < freeFrom || left < -half / 2 || right > axis.widthPx + half / 2) continue;
    chosen.push(value);
    freeFrom = right + gapPx;
  }
  return chosen;
}

/** The dated ticks that fit this axis at its drawn width, measured in its tick font. */
function ticksThatFit(axis: Scale, values: readonly number[], labels: ReadonlyMap<number, string>): { value: number }[] {
  const context = axis.ctx;
  context.save();
  context.font = toFont((axis.options as unknown as { ticks: { font: Parameters<typeof toFont>[0] } }).ticks.font).string;
  // Measured only when spacedTicks asks (the labels that might fit), in the tick font.
  const chosen = spacedTicks(values, (value) => context.measureText(labels.get(value) ?? '').width, { min: axis.min, max: axis.max, widthPx: axis.width });
  context.restore();
  return chosen.map((value) => ({ value }));
}

/** Chart 4 (headline load signal): each run's distance and 110% of the longest run of the 30 days before it. */
export function longRunChart(insights: Insights, unit: DistanceUnit): InsightsChart {
  const colours = palette();
  const runs = insights.load.longRuns;
  const { xs, marks } = datedPositions(
    runs.map((run) => run.localDate),
    runs.map((run) => run.gapWeeksBefore),
  );
  const distances = runs.map((run) => fromMetres(run.distanceMetres, unit));
  const limits: XY[] = [];
  runs.forEach((run, index) => {
    if (run.gapWeeksBefore > 0 && index > 0) limits.push(hole(xs[index]! - 3.5));
    limits.push(run.longestPrevious30DaysMetres === null ? hole(xs[index]!) : { x: xs[index]!, y: fromMetres(insights.load.spikeAbove * run.longestPrevious30DaysMetres, unit) });
  });
  const yMax = roomAbove(Math.max(0, ...distances, ...limits.map((point) => (Number.isNaN(point.y) ? 0 : point.y))));
  const labels = new Map(xs.map((value, index) => [value, shortDate(runs[index]!.localDate)]));
  const percent = Math.round(100 * insights.load.spikeAbove);
  const rows: ChartRow[] = runs
    .map((run, index) => ({ run, index }))
    .filter(({ run }) => run.spike)
    .map(({ run, index }) => ({
      cells: [
        shortDate(run.localDate),
        distances[index]!.toFixed(1),
        fromMetres(run.longestPrevious30DaysMetres ?? 0, unit).toFixed(1),
        `${Math.round((100 * run.distanceMetres) / (run.longestPrevious30DaysMetres ?? run.distanceMetres))}%`,
      ],
      point: { x: xs[index]!, y: distances[index]!, axis: 'y' },
    }));
  return {
    rows,
    config: {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: `Runs (${unit})`,
            data: runs.map((run, index) => ({ x: xs[index]!, y: distances[index]! })).filter((_, index) => !runs[index]!.spike),
            backgroundColor: colours.distance,
            borderColor: colours.distance,
            pointRadius: runs.length > 500 ? 1.5 : 2.5,
          },
          {
            label: `Longer than ${percent}% of the longest run of the 30 days before`,
            data: runs.map((run, index) => ({ x: xs[index]!, y: distances[index]! })).filter((_, index) => runs[index]!.spike),
            backgroundColor: colours.pain,
            borderColor: colours.pain,
            pointRadius: 4.5,
            pointStyle: 'rectRot',
          },
          {
            type: 'line',
            label: `${percent}% of the longest run of the 30 days before`,
            data: limits,
            borderColor: colours.planned,
            backgroundColor: colours.planned,
            borderDash: [4, 3],
            borderWidth: 1.2,
            stepped: 'before',
            pointRadius: 0,
            spanGaps: false,
          },
          ...breakDatasets(marks, yMax, 'y', colours.breakLine).map((dataset) => ({ ...dataset, type: 'line' as const })),
        ] as ChartConfiguration['data']['datasets'],
      },
      options: {
        ...base,
        plugins: { ...base.plugins, legend: legendWithoutExtraBreaks },
        scales: {
          x: {
            type: 'linear',
            min: (xs[0] ?? 0) - 1,
            max: (xs[xs.length - 1] ?? 1) + 1,
            grid: { display: false },
            afterBuildTicks: (axis) => {
              axis.ticks = ticksThatFit(axis, xs, labels);
            },
            ticks: { callback: (value) => labels.get(value as number) ?? '', maxRotation: 0, autoSkip: false },
          },
          y: { type: 'linear', min: 0, max: yMax, title: { display: true, text: `Run distance (${unit})` }, grid: { color: colours.grid } },
        },
      },
    },
  };
}

/** Chart 5 (secondary): acute:chronic ratio of daily distance, with days above the disputed threshold marked. */
export function loadChart(insights: Insights): InsightsChart {
  const colours = palette();
  const days = insights.load.days;
  const { xs, marks } = datedPositions(
    days.map((day) => day.date),
    days.map((day) => day.gapWeeksBefore),
  );
  const line: XY[] = [];
  days.forEach((day, index) => {
    if (day.gapWeeksBefore > 0 && index > 0) line.push(hole(xs[index]! - 3.5));
    line.push(day.ratio === null ? hole(xs[index]!) : { x: xs[index]!, y: day.ratio });
  });
  const indexOf = new Map(days.map((day, index) => [day.date, index]));
  const jumps = insights.load.jumps.map((day) => ({ x: xs[indexOf.get(day.date) ?? 0]!, y: day.ratio ?? 0 }));
  const yMax = roomAbove(Math.max(insights.load.jumpAbove + 0.2, ...days.map((day) => day.ratio ?? 0)));
  const labels = new Map(xs.map((value, index) => [value, shortDate(days[index]!.date)]));
  const rows: ChartRow[] = insights.load.jumps.map((day, index) => ({ cells: [shortDate(day.date), (day.ratio ?? 0).toFixed(2)], point: { ...jumps[index]!, axis: 'y' } }));
  return {
    rows,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: 'Acute:chronic ratio (7-day ÷ 28-day average)', data: line, borderColor: colours.distance, backgroundColor: colours.distance, borderWidth: 1.5, pointRadius: 0, spanGaps: false },
          { label: `Above ${insights.load.jumpAbove}`, data: jumps, borderColor: colours.pain, backgroundColor: colours.pain, showLine: false, pointRadius: 3.5, pointStyle: 'rectRot' },
          {
            label: `${insights.load.jumpAbove}: the disputed threshold`,
            data: xs.length > 0 ? [{ x: xs[0]!, y: insights.load.jumpAbove }, { x: xs[xs.length - 1]!, y: insights.load.jumpAbove }] : [],
            borderColor: colours.pain,
            backgroundColor: colours.pain,
            borderDash: [5, 4],
            borderWidth: 1,
            pointRadius: 0,
          },
          ...breakDatasets(marks, yMax, 'y', colours.breakLine),
        ] as ChartConfiguration['data']['datasets'],
      },
      options: {
        ...base,
        plugins: { ...base.plugins, legend: legendWithoutExtraBreaks },
        scales: {
          x: {
            type: 'linear',
            min: (xs[0] ?? 0) - 1,
            max: (xs[xs.length - 1] ?? 1) + 1,
            grid: { display: false },
            afterBuildTicks: (axis) => {
              axis.ticks = ticksThatFit(axis, xs, labels);
            },
            ticks: { callback: (value) => labels.get(value as number) ?? '', maxRotation: 0, autoSkip: false },
          },
          y: { type: 'linear', min: 0, max: yMax, title: { display: true, text: 'Ratio' }, grid: { color: colours.grid } },
        },
      },
    },
  };
}
