import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { palette, resolveThemeColours, spacedTicks } from '../../../../src-renderer/src/components/insights/charts';
import { shortDate, summarySentences, summaryTitle } from '../../../../src-renderer/src/components/insights/wording';
import type { Insights } from '../../../../src-main/shared/insights';
import { setDisplayLocale } from '../../../../src-renderer/src/local-clock';

beforeEach(() => setDisplayLocale('en-GB'));
afterEach(() => setDisplayLocale(undefined));

/** Labels' pixel extents for the chosen ticks, as the axis prints them. */
function extents(chosen: number[], width: number, axis: { min: number; max: number; widthPx: number }) {
  return chosen.map((value) => {
    const centre = ((value - axis.min) / (axis.max - axis.min)) * axis.widthPx;
    return [centre - width / 2, centre + width / 2] as const;
  });
}

describe('training-load date labels', () => {
  // A year of daily runs with a 10-week break collapsed to 7 days: dates crowd around the break.
  const days = [...Array.from({ length: 200 }, (_, day) => day), ...Array.from({ length: 150 }, (_, day) => 207 + day)];
  const labelWidth = 78; // "29 Nov 2026" at 12 px

  for (const widthPx of [560, 1200]) {
    it(`never prints two dates over each other on an axis ${widthPx} px wide, and labels most of it`, () => {
      const axis = { min: -1, max: days[days.length - 1]! + 1, widthPx };
      const chosen = spacedTicks(days, () => labelWidth, axis);
      const spans = extents(chosen, labelWidth, axis);
      for (let index = 1; index < spans.length; index += 1) expect(spans[index]![0]).toBeGreaterThanOrEqual(spans[index - 1]![1] + 16);
      // Labelled across the whole axis, not only its start: at least 4 dates, one in the last fifth.
      expect(chosen.length).toBeGreaterThanOrEqual(4);
      expect(chosen[chosen.length - 1]!).toBeGreaterThan(axis.max * 0.8);
      for (const [left, right] of spans) {
        expect(left).toBeGreaterThanOrEqual(-labelWidth / 4);
        expect(right).toBeLessThanOrEqual(widthPx + labelWidth / 4);
      }
    });
  }

  it('shows the one date of a single run', () => {
    expect(spacedTicks([0], () => labelWidth, { min: -1, max: 1, widthPx: 600 })).toEqual([0]);
  });

  it('writes dates in the app’s locale', () => {
    expect(shortDate('2026-11-29')).toBe('29 Nov 2026');
    setDisplayLocale('en-US');
    expect(shortDate('2026-11-29')).toBe('Nov 29, 2026');
  });
});

describe('the Insights summary', () => {
  const look = (onsets: number, reachedOn: string | null) => ({ onsets, reachedOn, z: null, boundary: 3, crossed: false });
  const insights = (verdict: Insights['verdict']) =>
    ({
      verdict,
      filters: { location: 'lateral_knee', side: 'any', fromDate: null, toDate: null },
      counts: { painEvents: 4, analysed: 12 },
      fixed: {
        complaint: { location: 'lateral_knee', side: 'either' },
        canStartNew: verdict === 'no_clear_difference',
        periods: [
          {
            from: '2025-12-01',
            to: '2026-06-01',
            current: true,
            verdict,
            decidedAt: verdict === 'no_clear_difference' ? { onsets: 60, on: '2026-06-01' } : null,
            groups: { skipped: { runs: 2, onsets: 1, unnoted: 0 }, usual: { runs: 10, onsets: 3, unnoted: 1 } },
            runs: 12,
            onsets: verdict === 'too_little' ? 4 : 60,
            ratio: null,
            why: '2 runs after 7+ days without glute work, 1 with pain: too few to estimate.',
            ratioWithUnnotedPainFree: null,
          },
        ],
      },
      model: {
        exposure: null,
        problem: null,
        onsets: verdict === 'too_little' ? 4 : 60,
        sequential: {
          looks: [look(10, verdict === 'too_little' ? null : '2026-01-01'), look(60, verdict === 'no_clear_difference' ? '2026-06-01' : null)],
          claimedAt: null,
          moreOnsetsNeeded: 8,
        },
      },
    }) as unknown as Insights;

  for (const verdict of ['too_little', 'cannot_tell_yet', 'no_clear_difference'] as const) {
    it(`does not open the "${summaryTitle(verdict)}" paragraph with its heading's words`, () => {
      const title = summaryTitle(verdict).toLowerCase();
      const first = summarySentences(insights(verdict))[0]!.toLowerCase();
      expect(first.length).toBeGreaterThan(20);
      expect(first.startsWith(title)).toBe(false);
      // Nor its first three words anywhere at the start ("Stance cannot tell yet.").
      const words = title.split(' ').slice(0, 3).join(' ');
      expect(first.slice(0, 40)).not.toContain(words);
    });
  }
});

describe('the charts read the theme once per drawing (resolveThemeColours)', () => {
  it('turns every theme token into the colour it reads now, keeps callbacks and shares the data points', () => {
    const tokens = new Map([
      ['--chart-pain', '#c0392b'],
      ['--chart-on-plan', '#2e7d32'],
      ['--chart-skipped', '#ef6c00'],
      ['--chart-grid', '#dddddd'],
    ]);
    vi.stubGlobal('document', { documentElement: {} });
    vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: (token: string) => tokens.get(token) ?? '' }));
    try {
      const colours = palette();
      const points = [{ x: 1, y: 2 }];
      const callback = (value: number) => String(value);
      const config = {
        type: 'bar',
        data: { datasets: [{ data: points, borderColor: colours.pain, backgroundColor: [colours.onPlan, colours.skipped, colours.onPlan], borderDash: [4, 3] }] },
        options: { scales: { x: { ticks: { callback }, grid: { color: colours.grid } } } },
      };
      const drawn = resolveThemeColours(config);
      const dataset = drawn.data.datasets[0]!;
      expect(dataset.borderColor).toBe('#c0392b');
      expect(dataset.backgroundColor).toEqual(['#2e7d32', '#ef6c00', '#2e7d32']);
      expect(dataset.borderDash).toEqual([4, 3]);
      expect(dataset.data, 'the points are not copied').toBe(points);
      expect(drawn.options.scales.x.grid.color).toBe('#dddddd');
      expect(drawn.options.scales.x.ticks.callback).toBe(callback);
      // The configuration itself still reads the theme: drawn again in another theme, other colours.
      expect(typeof config.data.datasets[0]!.borderColor).toBe('function');
      tokens.set('--chart-pain', '#ff8a80');
      expect(resolveThemeColours(config).data.datasets[0]!.borderColor).toBe('#ff8a80');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
