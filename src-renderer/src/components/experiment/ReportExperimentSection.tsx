import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { formatDistance } from '../../../../src-main/shared/units';
import { useChannel } from '../../api/hooks';
import { formatInstant, formatLocalDate } from '../../local-clock';
import { armNames, canAndCannot, exerciseWords, lengthWords, pValueWords, schemeWords, verdictWords } from './experiment-words';

/**
 * The Report's section on the runner's experiment (the latest one), when there is one: the
 * protocol as fixed, the arms, the estimate and the randomisation p-value, the verdict,
 * deviations and harms — in black on white, words not colours.
 */
export function ReportExperimentSection({ units }: { units: DistanceUnit }) {
  const { data: setup } = useChannel('experiment:setup');
  const latest = setup?.active ?? setup?.past[0] ?? null;
  const { data: result } = useChannel('experiment:result', { protocolId: latest?.id ?? 1 }, { skip: latest === null });
  if (latest === null || !result) return null;
  const contents = result.protocol.contents;
  return (
    <section className="report-experiment" data-testid="report-experiment">
      <h3>Randomised experiment: activation before a run</h3>
      <p>
        Protocol fixed {formatInstant(result.protocol.fixedAt)} (SHA-256 {result.protocol.sha256.slice(0, 16)}…): {contents.routine.exercises.map(exerciseWords).join('; ')} before runs
        the app assigned; {schemeWords(contents.scheme).toLowerCase()} {lengthWords(contents.length)} from {formatLocalDate(contents.startDate)}; week {result.weeksDone}
        {result.finished ? ', finished' : result.protocol.stoppedAt ? `, stopped early: ${result.protocol.stopReason}` : ', running'}.
      </p>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Runs</th>
            <th scope="col">Pain began</th>
            <th scope="col">Median distance to pain</th>
            <th scope="col">Activation done / partly / not done</th>
          </tr>
        </thead>
        <tbody>
          {result.arms.map((arm) => (
            <tr key={arm.arm}>
              <th scope="row">{armNames[arm.arm]}</th>
              <td>{arm.runs}</td>
              <td>{arm.onsets}</td>
              <td>{arm.medianMetres === null ? 'not reached' : formatDistance(arm.medianMetres, units, 1)}</td>
              <td>
                {arm.adherence.done} / {arm.adherence.partly} / {arm.adherence.not_done}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>{verdictWords(result)}</strong> Hazard ratio{' '}
        {result.estimate
          ? `${result.estimate.hazardRatio.toFixed(2)} (95% interval ${result.estimate.lower.toFixed(2)}–${result.estimate.upper.toFixed(2)})`
          : `not estimable (${result.estimateProblem})`}
        ; randomisation p-value {pValueWords(result.randomisationP)}.
      </p>
      <p>
        Harms (pain above 5 during an experiment run):{' '}
        {result.harms.length === 0 ? 'none' : result.harms.map((harm) => `${formatLocalDate(harm.localDate, false)} (${harm.worstScore})`).join(', ')}. Deviations:{' '}
        {result.deviations.length === 0 ? 'none' : `${result.deviations.length} (listed on the Experiment page)`}.
      </p>
      <p className="report-source">
        n-of-1 trial reported after CENT 2015 (Vohra et al., BMJ 2015;350:h1738). {canAndCannot}
      </p>
    </section>
  );
}
