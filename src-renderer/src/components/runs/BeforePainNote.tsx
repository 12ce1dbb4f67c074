import { BEFORE_PAIN_CONTEXT, type BeforePain, type StretchFigures } from '../../../../src-main/shared/before-pain';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { elevationUnit, formatDistance, formatDuration, fromElevationMetres, metresPer } from '../../../../src-main/shared/units';

interface Row {
  label: string;
  before: string;
  rest: string;
}

/** The rows the run recorded, in the runner's units (feet per mile with miles, metres per km with km). */
export function beforePainRows(found: BeforePain, units: DistanceUnit): Row[] {
  const per = units === 'mi' ? 'mile' : 'km';
  const perUnit = (metresPerKm: number | null) =>
    metresPerKm === null ? '–' : `${Math.round(fromElevationMetres((metresPerKm * metresPer(units)) / 1000, units))} ${elevationUnit(units)}`;
  const grade = (value: number | null) => (value === null ? '–' : `${value > 0.05 ? '+' : value < -0.05 ? '−' : ''}${Math.abs(value).toFixed(1)} %`);
  const pace = (secondsPerKm: number | null) => (secondsPerKm === null ? '–' : `${formatDuration((secondsPerKm * metresPer(units)) / 1000)} /${units}`);
  const whole = (value: number | null, unit: string) => (value === null ? '–' : `${Math.round(value)} ${unit}`);
  const rows: [string, (figures: StretchFigures) => string, (figures: StretchFigures) => unknown][] = [
    [`Climb per ${per}`, (f) => perUnit(f.climbPerKm), (f) => f.climbPerKm],
    [`Descent per ${per}`, (f) => perUnit(f.descentPerKm), (f) => f.descentPerKm],
    ['Average grade', (f) => grade(f.gradePercent), (f) => f.gradePercent],
    ['Pace (moving)', (f) => pace(f.movingPaceSecondsPerKm), (f) => f.movingPaceSecondsPerKm],
    ['Cadence', (f) => whole(f.cadenceStepsPerMinute, 'steps/min'), (f) => f.cadenceStepsPerMinute],
    ['Heart rate', (f) => whole(f.heartRate, 'bpm'), (f) => f.heartRate],
  ];
  return rows
    .filter(([, , value]) => value(found.before) !== null || value(found.rest) !== null)
    .map(([label, show]) => ({ label, before: show(found.before), rest: show(found.rest) }));
}

/** "In the last km before the pain began: 95 ft of descent per mile (the rest of the run: 12 ft), pace 8:40 /mi (rest 9:10)." */
export function beforePainSentence(found: BeforePain, units: DistanceUnit): string {
  const rows = new Map(beforePainRows(found, units).map((row) => [row.label, row]));
  const per = units === 'mi' ? 'mile' : 'km';
  const stretch = found.basis === 'km' ? `the last kilometre${units === 'mi' ? ' (0.62 mi)' : ''}` : 'the last five minutes';
  const parts: string[] = [];
  const descent = rows.get(`Descent per ${per}`);
  const climb = rows.get(`Climb per ${per}`);
  if (descent && climb) parts.push(`${descent.before} of descent and ${climb.before} of climb per ${per} (the rest of the run: ${descent.rest} and ${climb.rest})`);
  const pace = rows.get('Pace (moving)');
  if (pace) parts.push(`pace ${pace.before} (rest ${pace.rest})`);
  const cadence = rows.get('Cadence');
  if (cadence) parts.push(`cadence ${cadence.before} (rest ${cadence.rest})`);
  const heart = rows.get('Heart rate');
  if (heart) parts.push(`heart rate ${heart.before} (rest ${heart.rest})`);
  return `In ${stretch} before the pain began, at ${formatDistance(found.onsetMetres, units)}: ${parts.length ? parts.join(', ') : 'nothing but distance was recorded'}.`;
}

/** Under the run's chart: the stretch before the knee pain began against the rest of the run, worded as a description. */
export function BeforePainNote({ found: data, units }: { found: BeforePain; units: DistanceUnit }) {
  const rows = beforePainRows(data, units);
  const stretchLabel = data.basis === 'km' ? 'Last km before the pain' : 'Last 5 min before the pain';
  return (
    <section className="card before-pain" aria-labelledby="before-pain-title" data-testid="before-pain">
      <h2 id="before-pain-title">What came before the pain</h2>
      <p data-testid="before-pain-sentence">{beforePainSentence(data, units)}</p>
      {rows.length > 0 ? (
        <table className="before-pain-table">
          <thead>
            <tr>
              <th scope="col">On this run</th>
              <th scope="col" className="num">
                {stretchLabel} ({formatDistance(data.before.metres, units)})
              </th>
              <th scope="col" className="num">
                The rest of the run ({formatDistance(data.rest.metres, units)})
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} data-testid="before-pain-row">
                <th scope="row">{row.label}</th>
                <td className="num">{row.before}</td>
                <td className="num">{row.rest}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="hint">
        {data.basis === 'km'
          ? 'The stretch is the last kilometre before the point you marked. '
          : 'The pain began within the first kilometre, so the stretch is the last five minutes before it. '}
        It is shaded on the chart above. Climb and descent are counted as in the run’s totals; pace leaves stops out. {BEFORE_PAIN_CONTEXT}
      </p>
    </section>
  );
}
