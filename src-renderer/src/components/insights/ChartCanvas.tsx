import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { toFont } from 'chart.js/helpers';
import { themeColour, type Theme } from '../../theme';
import { resolveThemeColours } from './charts';

// Only the pieces the Insights charts use.
Chart.register(BarController, BarElement, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip);

/**
 * One Chart.js chart in a canvas. `config` is rebuilt by the caller when its data changes; the
 * chart is destroyed and drawn again then, and when `theme` changes (its colours read the theme's
 * tokens as it draws: resolveThemeColours). The canvas is an image to assistive technology, with
 * `label` as its description; the numbers are in the table beside each chart.
 *
 * Once drawn, the canvas carries the ranges its axes were drawn with (`data-axes`, JSON
 * {axisId: [min, max]}), so a test can check that every row of the chart's table lies inside them,
 * and where its x axis labels were printed (`data-x-labels`, [{text, left, right}] in pixels), so a
 * test can check that no two print over each other.
 */
export function ChartCanvas({ config, label, height = 300, theme }: { config: ChartConfiguration; label: string; height?: number; theme: Theme }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // Text and lines Chart.js draws itself (ticks, titles, legend) in the theme's colours.
    Chart.defaults.color = themeColour('--chart-text');
    Chart.defaults.borderColor = themeColour('--chart-grid');
    // The theme's colours read once, as plain colours: Chart.js then resolves each dataset's options once, not per point.
    const chart = new Chart(element, resolveThemeColours(config));
    const axes: Record<string, [number, number]> = {};
    for (const [id, scale] of Object.entries(chart.scales)) axes[id] = [scale.min, scale.max];
    element.dataset.axes = JSON.stringify(axes);
    element.dataset.xLabels = JSON.stringify(xLabelSpans(chart));
    return () => chart.destroy();
  }, [config, theme]);
  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** The x axis's printed labels and their horizontal extent in pixels. */
function xLabelSpans(chart: Chart): { text: string; left: number; right: number }[] {
  const scale = chart.scales.x;
  if (!scale) return [];
  const context = chart.ctx;
  context.save();
  context.font = toFont((scale.options as unknown as { ticks: { font: Parameters<typeof toFont>[0] } }).ticks.font).string;
  const spans = scale.ticks.map((tick) => {
    const label = Array.isArray(tick.label) ? tick.label.join(' ') : String(tick.label ?? '');
    const width = context.measureText(label).width;
    const centre = scale.getPixelForValue(tick.value);
    return { text: label, left: centre - width / 2, right: centre + width / 2 };
  });
  context.restore();
  return spans.filter((span) => span.text !== '');
}
