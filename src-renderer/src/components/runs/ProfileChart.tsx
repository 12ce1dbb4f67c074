import { useEffect, useRef } from 'react';
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';
import type { RunTrackView } from '../../../../src-main/shared/track';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { formatDuration, fromMetres, toMetres } from '../../../../src-main/shared/units';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);

interface Props {
  profile: RunTrackView['profile'];
  units: DistanceUnit;
  /** Where knee pain began, in metres, if it did. */
  onsetMetres: number | null;
  /** The runner clicked the chart at this distance (metres). */
  onPick: (metres: number) => void;
}

/** A dashed red line at the pain onset. */
function onsetLine(getOnset: () => number | null): Plugin<'line'> {
  return {
    id: 'stance-onset',
    afterDatasetsDraw(chart) {
      const onset = getOnset();
      if (onset === null) return;
      const x = chart.scales.x!.getPixelForValue(onset);
      const { top, bottom } = chart.chartArea;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = '#b42318';
      context.lineWidth = 2;
      context.setLineDash([6, 4]);
      context.beginPath();
      context.moveTo(x, top);
      context.lineTo(x, bottom);
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = '#b42318';
      context.font = '600 12px system-ui, sans-serif';
      context.fillText('Knee pain began', Math.min(x + 6, chart.chartArea.right - 100), top + 14);
      context.restore();
    },
  };
}

/** Pace and elevation against distance, in the runner's unit. Click to say where the pain began. */
export function ProfileChart({ profile, units, onsetMetres, onPick }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'line'>>(null);
  const onset = useRef<number | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    if (!canvas.current) return;
    const distance = profile.metres.map((metres) => fromMetres(metres, units));
    const perUnit = units === 'mi' ? 1.609344 : 1;
    const pace = profile.paceSecondsPerKm.map((seconds, index) => ({ x: distance[index]!, y: seconds === null ? null : (seconds * perUnit) / 60 }));
    const elevation = profile.elevationMetres.map((metres, index) => ({ x: distance[index]!, y: metres }));
    const hasPace = pace.some((point) => point.y !== null);
    const hasElevation = elevation.some((point) => point.y !== null);
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        datasets: [
          ...(hasPace
            ? [{ label: `Pace (min/${units})`, data: pace, borderColor: '#1d6b57', borderWidth: 2, pointRadius: 0, yAxisID: 'pace', spanGaps: false }]
            : []),
          ...(hasElevation
            ? [
                {
                  label: 'Elevation (m)',
                  data: elevation,
                  borderColor: '#9aa5b1',
                  backgroundColor: 'rgba(154, 165, 177, 0.18)',
                  fill: 'origin' as const,
                  borderWidth: 1,
                  pointRadius: 0,
                  yAxisID: 'elevation',
                },
              ]
            : []),
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { type: 'linear', min: 0, max: distance[distance.length - 1], title: { display: true, text: `Distance (${units})` } },
          pace: {
            type: 'linear',
            position: 'left',
            reverse: true,
            display: hasPace,
            title: { display: true, text: `Pace (min/${units}, faster is higher)` },
            ticks: { callback: (value) => formatDuration(Number(value) * 60) },
          },
          elevation: { type: 'linear', position: 'right', display: hasElevation, grid: { drawOnChartArea: false }, title: { display: true, text: 'Elevation (m)' } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              title: (items) => `${Number(items[0]?.parsed.x ?? 0).toFixed(2)} ${units}`,
              label: (item) =>
                item.dataset.yAxisID === 'pace' ? `Pace ${formatDuration(Number(item.parsed.y) * 60)} /${units}` : `Elevation ${Math.round(Number(item.parsed.y))} m`,
            },
          },
        },
        onClick: (event, _elements, chartInstance) => {
          if (event.x === null) return;
          const value = chartInstance.scales.x!.getValueForPixel(event.x);
          if (value === undefined || !Number.isFinite(value)) return;
          const clamped = Math.min(Math.max(value, 0), distance[distance.length - 1] ?? 0);
          pick.current(toMetres(clamped, units));
        },
      },
      plugins: [onsetLine(() => onset.current)],
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [profile, units]);

  useEffect(() => {
    onset.current = onsetMetres === null ? null : fromMetres(onsetMetres, units);
    chartRef.current?.draw();
  }, [onsetMetres, units]);

  return (
    <div className="profile-chart">
      <canvas
        ref={canvas}
        data-testid="profile-chart"
        role="img"
        aria-label={`Pace and elevation along the run. Click where the knee pain began to record it.`}
      />
    </div>
  );
}
