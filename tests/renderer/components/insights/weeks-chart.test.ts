/**
 * The Insights weeks chart: a week not yet over (2 of 3 sessions done so far) must not be drawn
 * in the colour that reads as "on plan", and every week it describes is drawn as a bar.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { weeksChart } from '../../../../src-renderer/src/components/insights/charts';
import type { Insights, WeekSummary } from '../../../../src-main/shared/insights';
import { setDisplayLocale } from '../../../../src-renderer/src/local-clock';

// themeColour reads a CSS token when Chart.js draws; here each token reads as its own name.
beforeEach(() => {
  setDisplayLocale('en-GB');
  vi.stubGlobal('document', { documentElement: {} });
  vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: (token: string) => token }));
});
afterEach(() => {
  setDisplayLocale(undefined);
  vi.unstubAllGlobals();
});

function week(weekStart: string, done: number, extra: Partial<WeekSummary> = {}): WeekSummary {
  return { weekStart, gluteSessionsDone: done, gluteSessionsPlanned: 3, distanceMetres: 20_000, partial: false, missed: done < 3, gapWeeksBefore: 0, ...extra };
}

function insightsWith(weeks: WeekSummary[]): Insights {
  return { weeks, runs: [] } as unknown as Insights;
}

type Bars = { label: string; type: string; data: { x: number; y: number }[]; backgroundColor: unknown };

function barDatasets(insights: Insights): Bars[] {
  const chart = weeksChart(insights, 'km');
  return (chart.config.data.datasets as unknown as Bars[]).filter((dataset) => dataset.type === 'bar');
}

/** The colour a bar is filled with, given the tokens' names (palette() reads tokens when drawn). */
function fillOf(dataset: Bars, x: number): string {
  const fill = dataset.backgroundColor;
  const raw = dataset.data.find((point) => point.x === x);
  const dataIndex = dataset.data.indexOf(raw!);
  let value = Array.isArray(fill)
    ? fill[dataIndex]
    : typeof fill === 'function'
      ? (fill as (context: { raw?: unknown; dataIndex: number }) => unknown)({ raw, dataIndex })
      : fill;
  if (typeof value === 'function') value = (value as () => unknown)();
  return String(value);
}

describe('weeksChart: the week not yet over', () => {
  // Three whole weeks (one missed), then this week: 2 of 3 sessions so far, the range ends mid-week.
  const weeks = [
    week('2026-11-09', 3),
    week('2026-11-16', 1),
    week('2026-11-23', 3),
    week('2026-11-30', 2, { partial: true, missed: false }),
  ];

  it('draws this week so far apart from the judged weeks, with its own legend entry and label', () => {
    const bars = barDatasets(insightsWith(weeks));
    const judged = bars.find((dataset) => dataset.label.startsWith('Glute sessions done'))!;
    const soFar = bars.find((dataset) => /so far/.test(dataset.label))!;
    expect(soFar, 'a legend entry for this week so far').toBeDefined();
    expect(soFar.label).toBe('This week so far: not judged yet');
    // The unfinished week is in the "so far" bars only, never among the green/orange ones.
    expect(judged.data.map((point) => point.y)).toEqual([3, 1, 3]);
    expect(soFar.data).toEqual([{ x: 3, y: 2 }]);
    expect(fillOf(judged, 0)).toBe('--chart-on-plan');
    expect(fillOf(judged, 1)).toBe('--chart-skipped');
    expect(fillOf(soFar, 3)).toBe('--chart-not-judged-fill');
    const chart = weeksChart(insightsWith(weeks), 'km');
    const last = chart.rows[chart.rows.length - 1]!;
    expect(last.cells[0]).toMatch(/so far/);
    expect(last.cells[3]).toBe('this week so far: not judged yet');
    const ticks = (chart.config.options as { scales: { x: { ticks: { callback: (value: number) => string } } } }).scales.x.ticks;
    expect(ticks.callback(3)).toMatch(/so far$/);
    expect(ticks.callback(2)).not.toMatch(/so far/);
  });

  it('draws every week as exactly one bar, at its x, and judges only whole weeks', () => {
    for (const partialFirst of [false, true]) {
      const input = weeks.map((item, index) => (index === 0 && partialFirst ? { ...item, partial: true, missed: false } : item));
      const bars = barDatasets(insightsWith(input));
      const all = bars.flatMap((dataset) => dataset.data).sort((a, b) => a.x - b.x);
      expect(all).toEqual(input.map((item, index) => ({ x: index, y: item.gluteSessionsDone })));
      const judged = bars.find((dataset) => dataset.label.startsWith('Glute sessions done'))!;
      for (const point of judged.data) expect(input[point.x]!.partial).toBe(false);
      expect(bars.every((dataset) => (dataset as unknown as { grouped?: boolean }).grouped === false)).toBe(true);
    }
  });

  it('has no "so far" entry when the last week is whole', () => {
    const whole = weeks.map((item) => ({ ...item, partial: false, missed: item.gluteSessionsDone < 3 }));
    const bars = barDatasets(insightsWith(whole));
    expect(bars).toHaveLength(1);
    expect(bars[0]!.data).toHaveLength(4);
  });
});
