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

// Only the pieces the Insights charts use.
Chart.register(BarController, BarElement, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip);

/**
 * One Chart.js chart in a canvas. `config` is rebuilt by the caller when its data changes; the
 * chart is destroyed and drawn again then. The canvas is an image to assistive technology, with
 * `label` as its description; the numbers are in the table beside each chart.
 *
 * Once drawn, the canvas carries the ranges its axes were drawn with (`data-axes`, JSON
 * {axisId: [min, max]}), so a test can check that every row of the chart's table lies inside them.
 */
export function ChartCanvas({ config, label, height = 300 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const chart = new Chart(element, config);
    const axes: Record<string, [number, number]> = {};
    for (const [id, scale] of Object.entries(chart.scales)) axes[id] = [scale.min, scale.max];
    element.dataset.axes = JSON.stringify(axes);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
