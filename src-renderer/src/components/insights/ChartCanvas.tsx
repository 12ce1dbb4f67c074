import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  Chart,
  Decimation,
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
Chart.register(BarController, BarElement, Decimation, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip);

/**
 * One Chart.js chart in a canvas. `config` is rebuilt by the caller when its data changes; the
 * chart is destroyed and drawn again then. The canvas is an image to assistive technology, with
 * `label` as its description; the numbers are in the table beside each chart.
 */
export function ChartCanvas({ config, label, height = 300 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
