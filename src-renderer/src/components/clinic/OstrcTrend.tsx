import type { OstrcWeek } from '../../../../src-main/shared/ostrc';
import { formatLocalDate } from '../../local-clock';

interface Props {
  weeks: readonly { weekStart: string; severity: number | null; substantial: boolean }[];
  /** Draw in black and white only (the printed report). */
  print?: boolean;
  title: string;
}

const WIDTH = 640;
const HEIGHT = 190;
const LEFT = 36;
const BOTTOM = 28;
const TOP = 12;

/**
 * OSTRC-O2 severity week by week (0–100) as bars; a week with a substantial problem is drawn
 * solid with "S" above it, other weeks hatched/outlined, an unanswered week as a gap marked "–".
 * A picture of the answers, labelled as such. Colours from the theme tokens (or black on print).
 */
export function OstrcTrend({ weeks, print = false, title }: Props) {
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - BOTTOM - TOP;
  const step = weeks.length > 0 ? plotWidth / weeks.length : plotWidth;
  const barWidth = Math.min(36, step * 0.6);
  const y = (severity: number) => TOP + plotHeight * (1 - severity / 100);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  return (
    <figure className={`ostrc-trend${print ? ' ostrc-trend-print' : ''}`}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${weeks.map((week) => `${formatLocalDate(week.weekStart, false)} ${week.severity === null ? 'not answered' : `${week.severity}${week.substantial ? ', substantial problem' : ''}`}`).join('; ')}`}>
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={WIDTH - 8} y1={y(tick)} y2={y(tick)} className="ostrc-grid" />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" className="ostrc-axis">
              {tick}
            </text>
          </g>
        ))}
        {weeks.map((week, index) => {
          const x = LEFT + step * index + (step - barWidth) / 2;
          return (
            <g key={week.weekStart} data-testid="ostrc-week">
              {week.severity === null ? (
                <text x={x + barWidth / 2} y={y(0) - 4} textAnchor="middle" className="ostrc-axis">
                  –
                </text>
              ) : (
                <>
                  <rect
                    x={x}
                    y={y(week.severity)}
                    width={barWidth}
                    height={Math.max(1, y(0) - y(week.severity))}
                    className={week.substantial ? 'ostrc-bar ostrc-bar-substantial' : 'ostrc-bar'}
                  />
                  <text x={x + barWidth / 2} y={y(week.severity) - 4} textAnchor="middle" className="ostrc-value">
                    {week.severity}
                    {week.substantial ? ' S' : ''}
                  </text>
                </>
              )}
              {index % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 10} textAnchor="middle" className="ostrc-axis">
                  {formatLocalDate(week.weekStart, false)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        Severity 0–100 each week (OSTRC-O2). Solid bar and “S”: a substantial problem (training or performance reduced moderately or more, or unable to take
        part). “–”: not answered.
      </figcaption>
    </figure>
  );
}

/** The answered weeks from `from` to `to` (week starts), with a gap for each week not answered. */
export function weeksWithGaps(answered: readonly OstrcWeek[], from: string, to: string, addDays: (date: string, days: number) => string) {
  const byWeek = new Map(answered.map((week) => [week.weekStart, week]));
  const weeks: { weekStart: string; severity: number | null; substantial: boolean }[] = [];
  for (let start = from; start <= to; start = addDays(start, 7)) {
    const week = byWeek.get(start);
    weeks.push({ weekStart: start, severity: week?.severity ?? null, substantial: week?.substantial ?? false });
  }
  return weeks;
}
