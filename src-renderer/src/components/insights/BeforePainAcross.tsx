import { BEFORE_PAIN_CONTEXT } from '../../../../src-main/shared/before-pain';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { formatDistance } from '../../../../src-main/shared/units';
import { useChannel } from '../../api/hooks';
import { formatLocalDate } from '../../local-clock';
import { beforePainRows } from '../runs/BeforePainNote';

/**
 * Insights: on every run with a route and a pain onset, the stretch before the pain (last km, or
 * last 5 minutes) against the pain-free part of the same run (its start up to that stretch). A description, one row per run, with a count
 * of the runs whose stretch had more descent; no test, no yes/no claim.
 */
export function BeforePainAcross({ units }: { units: DistanceUnit }) {
  const { data } = useChannel('runs:beforePainAcross', undefined);
  if (!data || data.length === 0) return null;
  const per = units === 'mi' ? 'mile' : 'km';
  const compared = data.flatMap((run) => (run.found?.painFree ? [{ before: run.found.before, painFree: run.found.painFree }] : []));
  const withElevation = compared.filter((run) => run.before.descentPerKm !== null && run.painFree.descentPerKm !== null);
  const steeperDown = withElevation.filter((run) => run.before.descentPerKm! > run.painFree.descentPerKm!).length;
  return (
    <section className="card table-card before-pain-across" aria-labelledby="before-pain-across" data-testid="before-pain-across">
      <h2 id="before-pain-across" className="table-title">
        What came before the pain, run by run
      </h2>
      <p className="table-hint" data-testid="before-pain-across-count">
        {withElevation.length > 0
          ? `On ${steeperDown} of ${withElevation.length} runs with elevations, the stretch before the pain began had more descent per ${per} than the pain-free part of the same run.`
          : 'None of these runs has elevations to compare.'}{' '}
        A description of your runs, not a test: it does not say whether descents bring your pain on.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col" className="num">
              Pain began at
            </th>
            <th scope="col" className="num">
              Descent per {per}: before · pain-free
            </th>
            <th scope="col" className="num">
              Grade: before · pain-free
            </th>
            <th scope="col" className="num">
              Pace (moving): before · pain-free
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((run) => {
            const found = run.found?.painFree ? { ...run.found, rest: run.found.painFree } : null;
            const rows = found ? new Map(beforePainRows(found, units).map((row) => [row.label, row])) : null;
            const pair = (label: string) => {
              const row = rows?.get(label);
              return row ? `${row.before} · ${row.rest}` : '–';
            };
            return (
              <tr key={run.runId} data-testid="before-pain-across-row">
                <th scope="row">
                  {formatLocalDate(run.localDate)} · {formatDistance(run.distanceMetres, units)}
                </th>
                {found ? (
                  <>
                    <td className="num">{formatDistance(found.onsetMetres, units)}</td>
                    <td className="num">{pair(`Descent per ${per}`)}</td>
                    <td className="num">{pair('Average grade')}</td>
                    <td className="num">{pair('Pace (moving)')}</td>
                  </>
                ) : (
                  <td colSpan={4} className="muted">
                    Too little of the run before the pain to compare.
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">
        Before: the last kilometre before the pain began (the last five minutes when it began within the first kilometre). Pain-free: the same run from its
        start to that stretch. {BEFORE_PAIN_CONTEXT.replace('These figures describe this run', 'These figures describe your runs')}
      </p>
    </section>
  );
}
