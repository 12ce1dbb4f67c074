import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
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
import { elevationUnit, formatDuration, fromElevationMetres, fromMetres, metresPer, toMetres } from '../../../../src-main/shared/units';
import { themeColour, type Theme } from '../../theme';
import { nearestIndex, PACE_WINDOW_METRES, paceAxis, readoutAt, smoothPace } from './profile';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);

interface Props {
  profile: RunTrackView['profile'];
  units: DistanceUnit;
  /** Where knee pain began, in metres, if it did. */
  onsetMetres: number | null;
  /** Where the stretch described under the chart starts (metres); shaded up to the onset. */
  stretchStartMetres?: number | null;
  /** The runner clicked the chart (or pressed Enter on it) at this distance (metres). */
  onPick: (metres: number) => void;
  /** The theme shown: the chart is drawn again in its colours when it changes. */
  theme: Theme;
  /** False for a run without times: no pace is drawn, so nothing is said about it. Default true. */
  hasPace?: boolean;
}

/** A dashed line at the pain onset, and a thin one at the readout's point. */
function markers(getOnset: () => number | null, getCursor: () => number | null, getStretch: () => number | null): Plugin<'line'> {
  return {
    id: 'stance-onset',
    beforeDatasetsDraw(chart) {
      const onset = getOnset();
      const from = getStretch();
      if (onset === null || from === null) return;
      const left = chart.scales.x!.getPixelForValue(from);
      const right = chart.scales.x!.getPixelForValue(onset);
      const context = chart.ctx;
      context.save();
      context.fillStyle = themeColour('--danger');
      context.globalAlpha = 0.1;
      context.fillRect(left, chart.chartArea.top, right - left, chart.chartArea.bottom - chart.chartArea.top);
      context.restore();
    },
    afterDatasetsDraw(chart) {
      const cursor = getCursor();
      if (cursor !== null) {
        const x = chart.scales.x!.getPixelForValue(cursor);
        const context = chart.ctx;
        context.save();
        context.strokeStyle = themeColour('--ink');
        context.globalAlpha = 0.5;
        context.lineWidth = 1;
        context.beginPath();
        context.moveTo(x, chart.chartArea.top);
        context.lineTo(x, chart.chartArea.bottom);
        context.stroke();
        context.restore();
      }
      const onset = getOnset();
      if (onset === null) return;
      const x = chart.scales.x!.getPixelForValue(onset);
      const { top, bottom } = chart.chartArea;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = themeColour('--danger');
      context.lineWidth = 2;
      context.setLineDash([6, 4]);
      context.beginPath();
      context.moveTo(x, top);
      context.lineTo(x, bottom);
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = themeColour('--danger');
      context.font = '600 12px system-ui, sans-serif';
      context.fillText('Knee pain began', Math.min(x + 6, chart.chartArea.right - 100), top + 14);
      context.restore();
    },
  };
}

/**
 * Pace and elevation against distance, in the runner's units (feet with miles). Pace is
 * smoothed over PACE_WINDOW_METRES and its axis ignores GPS outliers (profile.ts). Hovering, or
 * the arrow keys on the focused chart, move a readout (distance, pace, heart rate, elevation);
 * a click or Enter says the knee pain began there.
 */
export function ProfileChart({ profile, units, onsetMetres, stretchStartMetres = null, onPick, theme, hasPace: timed = true }: Props) {
  const id = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'line'>>(null);
  const onset = useRef<number | null>(null);
  const stretch = useRef<number | null>(null);
  const cursorRef = useRef<number | null>(null);
  const [cursor, setCursor] = useState<number>();
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);
  const smoothed = useMemo(() => smoothPace(profile.metres, profile.paceSecondsPerKm), [profile]);
  const elevationLabel = elevationUnit(units);

  useEffect(() => {
    if (!canvas.current) return;
    const distance = profile.metres.map((metres) => fromMetres(metres, units));
    const perUnit = metresPer(units) / 1000;
    const pace = smoothed.map((seconds, index) => ({ x: distance[index]!, y: seconds === null ? null : (seconds * perUnit) / 60 }));
    const elevation = profile.elevationMetres.map((metres, index) => ({ x: distance[index]!, y: metres === null ? null : fromElevationMetres(metres, units) }));
    const hasPace = pace.some((point) => point.y !== null);
    const hasElevation = elevation.some((point) => point.y !== null);
    // The drawn pace is already smoothed over 400 m (a GPS spike is averaged away), so the axis
    // holds every drawn point: an interval session's fast reps and walked recoveries both fit.
    const axis = paceAxis(pace.map((point) => point.y), 2, 0);
    const ink = themeColour('--muted');
    const grid = themeColour('--line');
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        datasets: [
          ...(hasPace
            ? [
                {
                  label: `Pace (min/${units}, ${PACE_WINDOW_METRES} m average)`,
                  data: pace,
                  borderColor: themeColour('--chart-pace'),
                  borderWidth: 2,
                  pointRadius: 0,
                  yAxisID: 'pace',
                  spanGaps: false,
                },
              ]
            : []),
          ...(hasElevation
            ? [
                {
                  label: `Elevation (${elevationLabel})`,
                  data: elevation,
                  borderColor: themeColour('--chart-elevation'),
                  backgroundColor: themeColour('--chart-elevation-fill'),
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
          x: {
            type: 'linear',
            min: 0,
            max: distance[distance.length - 1],
            title: { display: true, text: `Distance (${units})`, color: ink },
            ticks: { color: ink },
            grid: { color: grid },
            border: { color: grid },
          },
          pace: {
            type: 'linear',
            position: 'left',
            reverse: true,
            display: hasPace,
            ...(axis ? { min: axis.min, max: axis.max } : {}),
            title: { display: true, text: `Pace (min/${units}, faster is higher)`, color: ink },
            ticks: { callback: (value) => formatDuration(Number(value) * 60), color: ink },
            grid: { color: grid },
            border: { color: grid },
          },
          elevation: {
            type: 'linear',
            position: 'right',
            display: hasElevation,
            grid: { drawOnChartArea: false, color: grid },
            border: { color: grid },
            ticks: { color: ink },
            title: { display: true, text: `Elevation (${elevationLabel})`, color: ink },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { color: ink } },
          // The readout below the chart says it all, in words a screen reader reads too.
          tooltip: { enabled: false },
        },
        onHover: (event, _elements, chartInstance) => {
          if (event.x === null) return;
          const value = chartInstance.scales.x!.getValueForPixel(event.x);
          if (value === undefined || !Number.isFinite(value)) return;
          setCursor(nearestIndex(profile.metres, toMetres(value, units)));
        },
        onClick: (event, _elements, chartInstance) => {
          if (event.x === null) return;
          const value = chartInstance.scales.x!.getValueForPixel(event.x);
          if (value === undefined || !Number.isFinite(value)) return;
          const clamped = Math.min(Math.max(value, 0), distance[distance.length - 1] ?? 0);
          pick.current(toMetres(clamped, units));
        },
      },
      plugins: [markers(() => onset.current, () => cursorRef.current, () => stretch.current)],
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [profile, smoothed, units, theme, elevationLabel]);

  useEffect(() => {
    onset.current = onsetMetres === null ? null : fromMetres(onsetMetres, units);
    stretch.current = stretchStartMetres == null ? null : fromMetres(stretchStartMetres, units);
    chartRef.current?.draw();
  }, [onsetMetres, stretchStartMetres, units]);

  useEffect(() => {
    cursorRef.current = cursor === undefined ? null : fromMetres(profile.metres[cursor] ?? 0, units);
    chartRef.current?.draw();
  }, [cursor, profile, units]);

  const last = profile.metres.length - 1;
  function onKey(event: KeyboardEvent) {
    const stepPoints = Math.max(1, Math.round(profile.metres.length / 100));
    const current = cursor ?? 0;
    const moves: Record<string, number> = {
      ArrowRight: current + stepPoints,
      ArrowLeft: current - stepPoints,
      PageDown: current + stepPoints * 10,
      PageUp: current - stepPoints * 10,
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      event.preventDefault();
      setCursor(Math.min(last, Math.max(0, moves[event.key]!)));
    } else if (event.key === 'Enter' && cursor !== undefined) {
      event.preventDefault();
      pick.current(profile.metres[cursor] ?? 0);
    }
  }

  const readout = cursor === undefined ? undefined : readoutAt(profile, smoothed, cursor, units);
  return (
    <div className="profile">
      <div className="profile-chart">
        <canvas
          ref={canvas}
          data-testid="profile-chart"
          role="img"
          tabIndex={0}
          aria-label={`${timed ? 'Pace and elevation along the run' : 'Elevation along the run'}${onsetMetres === null ? '' : `, marked where the knee pain began, at ${fromMetres(onsetMetres, units).toFixed(2)} ${units}`}`}
          aria-describedby={`${id}-help ${id}-readout`}
          onKeyDown={onKey}
          onFocus={() => cursor === undefined && setCursor(0)}
        />
      </div>
      <p className="readout" id={`${id}-readout`} aria-live="polite" data-testid="profile-readout">
        {readout
          ? [
              `At ${readout.distance.toFixed(2)} ${units}`,
              readout.paceSeconds === null ? 'stopped' : `pace ${formatDuration(readout.paceSeconds)} /${units}`,
              readout.heartRate === null ? null : `heart rate ${Math.round(readout.heartRate)} bpm`,
              readout.elevation === null ? null : `elevation ${Math.round(readout.elevation)} ${elevationLabel}`,
            ]
              .filter(Boolean)
              .join(' · ')
          : `Point at the chart, or focus it and use the arrow keys, to read ${timed ? 'pace, heart rate and elevation' : 'the elevation'} at any distance.`}
      </p>
      <p className="hint" id={`${id}-help`}>
        {timed ? `Pace is averaged over ${PACE_WINDOW_METRES} m. ` : ''}Click the chart, or press Enter on it, where the knee pain began to record it there.
      </p>
    </div>
  );
}
