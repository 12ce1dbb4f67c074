import { useMemo } from 'react';
import type { ExperimentResult } from '../../../../src-main/shared/experiment';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { formatDistance } from '../../../../src-main/shared/units';
import { ChartCanvas } from '../insights/ChartCanvas';
import { formatInstant, formatLocalDate } from '../../local-clock';
import type { Theme } from '../../theme';
import { experimentCurves } from './experiment-chart';
import { armNames, canAndCannot, doneWords, exerciseWords, lengthWords, outcomeWords, pValueWords, ruleWords, schemeWords, verdictWords } from './experiment-words';

function ratio(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(2);
}

/**
 * The result of an experiment: the verdict, the arms with runs, onsets and adherence, the
 * Kaplan–Meier curves by arm, the estimate with its interval, the randomisation p-value, the
 * planned analyses, and CENT 2015's items for one person (the protocol as fixed, periods and
 * assignments, deviations, harms).
 */
export function ExperimentResultView({ result, units, theme }: { result: ExperimentResult; units: DistanceUnit; theme: Theme }) {
  const contents = result.protocol.contents;
  const config = useMemo(() => experimentCurves(result.arms, units), [result, units]);
  const dayWord = contents.scheme === 'run_day_blocks_of_4' ? 'Run day' : 'Week';
  return (
    <div className="experiment-result">
      <section className="card experiment-verdict" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">What the experiment says</h2>
        <p className="experiment-verdict-text" data-testid="experiment-verdict">
          {verdictWords(result)}
        </p>
        <p>
          Hazard ratio (activation first against none):{' '}
          {result.estimate ? (
            <strong data-testid="experiment-estimate">
              {ratio(result.estimate.hazardRatio)} (95% interval {ratio(result.estimate.lower)}–{ratio(result.estimate.upper)})
            </strong>
          ) : (
            <span>not estimable yet — {result.estimateProblem}</span>
          )}
          . Below 1: the pain came on later with activation. Randomisation p-value: <strong data-testid="experiment-p">{pValueWords(result.randomisationP)}</strong> (all
          runs so far; it decides only at a planned analysis).
        </p>
        <p className="muted">
          Week {result.weeksDone} of {lengthWords(contents.length)} · {result.finished ? 'finished' : result.protocol.stoppedAt ? 'stopped early' : 'running'}
        </p>
      </section>

      <section className="card" aria-labelledby="arms-heading">
        <h2 id="arms-heading">The two arms</h2>
        <table className="data-table" data-testid="experiment-arms">
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Runs</th>
              <th scope="col">Pain began</th>
              <th scope="col">Pain-free</th>
              <th scope="col">Median distance to pain</th>
              <th scope="col">Activation done / partly / not done / not answered</th>
            </tr>
          </thead>
          <tbody>
            {result.arms.map((arm) => (
              <tr key={arm.arm}>
                <th scope="row">{armNames[arm.arm]}</th>
                <td>{arm.runs}</td>
                <td>{arm.onsets}</td>
                <td>{arm.painFree}</td>
                <td>{arm.medianMetres === null ? 'not reached' : formatDistance(arm.medianMetres, units, 1)}</td>
                <td>
                  {arm.adherence.done} / {arm.adherence.partly} / {arm.adherence.not_done} / {arm.adherence.unanswered}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Secondary, as actually done (done against not done; partly left out; chosen by you, so not protected by the coin and never deciding):{' '}
          {result.asDone.estimate
            ? `hazard ratio ${ratio(result.asDone.estimate.hazardRatio)} (95% interval ${ratio(result.asDone.estimate.lower)}–${ratio(result.asDone.estimate.upper)}), ${result.asDone.runsDone} runs done, ${result.asDone.runsNotDone} not done.`
            : `not estimable — ${result.asDone.problem}`}
        </p>
      </section>

      <section className="card" aria-labelledby="curves-heading">
        <h2 id="curves-heading">Still pain-free, by distance into the run</h2>
        <p className="muted">A picture of the runs (Kaplan–Meier), not the test. Each tick is a run that stayed pain-free to its end.</p>
        <ChartCanvas config={config} theme={theme} label="Share of runs still pain-free by distance, one curve per arm" />
      </section>

      <section className="card" aria-labelledby="analyses-heading">
        <h2 id="analyses-heading">Planned analyses</h2>
        {result.analyses.length === 0 ? (
          <p>None yet: the first comes at 10 painful runs.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Painful runs</th>
                <th scope="col">Runs</th>
                <th scope="col">5% spent so far</th>
                <th scope="col">p at this analysis</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {result.analyses.map((analysis) => (
                <tr key={analysis.onsets}>
                  <td>{analysis.week}</td>
                  <td>{analysis.onsets}</td>
                  <td>{analysis.runs}</td>
                  <td>{(100 * analysis.alphaSpent).toFixed(analysis.alphaSpent < 0.001 ? 3 : 1)}%</td>
                  <td>{analysis.pValue === null ? 'too early to spend any' : pValueWords(analysis.pValue)}</td>
                  <td>{analysis.claims ? 'decided' : 'not decided'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="cent-heading">
        <h2 id="cent-heading">The trial as CENT 2015 asks it to be reported</h2>
        <dl className="experiment-terms">
          <dt>Protocol as fixed</dt>
          <dd>
            Fixed {formatInstant(result.protocol.fixedAt)}; SHA-256 <code className="experiment-hash">{result.protocol.sha256}</code>. Routine: {contents.routine.exercises.map(exerciseWords).join('; ')} (about{' '}
            {contents.routine.minutes} minutes). {schemeWords(contents.scheme)} Length: {lengthWords(contents.length)} from {formatLocalDate(contents.startDate)}. Outcome:{' '}
            {outcomeWords(contents.outcome)}
          </dd>
          <dt>The rule</dt>
          <dd>{ruleWords}</dd>
          <dt>Deviations</dt>
          <dd>
            {result.deviations.length === 0 ? (
              'None.'
            ) : (
              <ul className="experiment-list">
                {result.deviations.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Harms (pain above 5 during an experiment run)</dt>
          <dd data-testid="experiment-harms">
            {result.harms.length === 0
              ? 'None.'
              : result.harms.map((harm) => `${formatLocalDate(harm.localDate)}: worst pain ${harm.worstScore} (${armNames[harm.arm].toLowerCase()})`).join('; ')}
          </dd>
          <dt>What it can and cannot show</dt>
          <dd>{canAndCannot}</dd>
        </dl>
        <details>
          <summary>
            Periods and assignments ({result.periods.length} {dayWord.toLowerCase()}s drawn)
          </summary>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{dayWord}</th>
                <th scope="col">Arm</th>
                <th scope="col">Drawn</th>
                <th scope="col">Day</th>
                <th scope="col">Runs</th>
                <th scope="col">Activation</th>
                <th scope="col">Pain began at</th>
              </tr>
            </thead>
            <tbody>
              {result.periods.map((period) => {
                const runs = result.runs.filter((run) => run.unitNumber === period.unitNumber);
                return (
                  <tr key={period.unitNumber}>
                    <td>{period.unitNumber}</td>
                    <td>{armNames[period.arm]}</td>
                    <td>{formatInstant(period.drawnAt)}</td>
                    <td>{period.localDate ? formatLocalDate(period.localDate) : 'not run yet'}</td>
                    <td>{period.runs}</td>
                    <td>{runs.map((run) => (run.activationDone ? doneWords[run.activationDone] : 'not answered')).join(', ') || '–'}</td>
                    <td>
                      {runs
                        .map((run) =>
                          run.outcome.kind === 'onset'
                            ? formatDistance(run.outcome.metres, units, 1)
                            : run.outcome.kind === 'pain_free'
                              ? `pain-free (${formatDistance(run.distanceMetres, units, 1)})`
                              : run.outcome.kind === 'at_start'
                                ? 'there from the start'
                                : 'not noted',
                        )
                        .join(', ') || '–'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      </section>
    </div>
  );
}
