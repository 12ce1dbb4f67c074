import { useState } from 'react';
import { addDays } from '../../../src-main/shared/calendar';
import { OSTRC_SOURCE } from '../../../src-main/shared/ostrc';
import { PAIN_MONITORING_SOURCE } from '../../../src-main/shared/pain-monitoring';
import { painLocationLabels, painSideLabels } from '../../../src-main/shared/pain';
import { formatDistance } from '../../../src-main/shared/units';
import { useChannel, useSave } from '../api/hooks';
import { fixedAnalysisSentences, groupsSentence, ratioText, verdictTitle } from '../../../src-main/shared/insights-words';
import { OstrcTrend } from '../components/clinic/OstrcTrend';
import { ReportExperimentSection } from '../components/experiment/ReportExperimentSection';
import { formatInstant, formatLocalDate } from '../local-clock';
import '../components/clinic/clinic.css';

const weekChoices = [4, 6, 8, 10, 12] as const;

function plannedText(planned: number | null): string {
  if (planned === null) return 'no plan';
  return Number.isInteger(planned) ? String(planned) : planned.toFixed(1);
}

/**
 * One page for the runner's physiotherapist: the last 4–12 weeks of runs, pain onsets, the weekly
 * OSTRC-O2 knee check, glute sessions against the plan, the Insights headline with its interval
 * and caveats, and the pain-monitoring warnings. Black on white when printed (shapes and words,
 * never colour alone); saved as a PDF on A4 or Letter by the runner's locale.
 */
export function ReportPage() {
  const [weeks, setWeeks] = useState<number>(8);
  const locale = navigator.language;
  const { data: report, error } = useChannel('report:get', { weeks, locale });
  const pdf = useSave('report:savePdf');
  const [saved, setSaved] = useState<string>();

  async function savePdf() {
    setSaved(undefined);
    const result = await pdf.save({ weeks, locale });
    if (result) setSaved(result.path);
  }

  return (
    <div className="page report-page">
      <header className="page-header report-controls">
        <div>
          <h1>Report for your physio</h1>
          <p className="muted">One page to take to your physiotherapist. It prints in black and white.</p>
        </div>
        <div className="quick-actions">
          <label className="inline-field">
            Weeks{' '}
            <select value={weeks} onChange={(event) => setWeeks(Number(event.target.value))}>
              {weekChoices.map((choice) => (
                <option key={choice} value={choice}>
                  last {choice} weeks
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" disabled={pdf.saving || !report} onClick={savePdf}>
            {pdf.saving ? 'Saving…' : 'Save as PDF'}
          </button>
        </div>
      </header>
      {saved ? (
        <p className="notice report-controls" role="status">
          Saved the report as <code>{saved}</code>.
        </p>
      ) : null}
      <div className="report-controls">{pdf.formError}</div>
      {error ? (
        <p className="error-banner" role="alert">
          {error}
        </p>
      ) : null}

      {report ? (
        <article className={`report-sheet report-${report.paper.toLowerCase()}`} data-testid="report-sheet">
          <header className="report-head">
            <h2>Knee report: running, ITB pain and glute work</h2>
            <p>
              {formatLocalDate(report.from)} – {formatLocalDate(report.to)} ({report.weeks} weeks) · made {formatInstant(report.madeAt)} with Stance · distances in{' '}
              {report.units === 'mi' ? 'miles' : 'kilometres'} · {report.plan}
            </p>
          </header>

          <section>
            <h3>Week by week</h3>
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">Week of</th>
                  <th scope="col">Runs</th>
                  <th scope="col">Distance</th>
                  <th scope="col">Glute sessions (done / planned)</th>
                  <th scope="col">OSTRC severity (0–100)</th>
                  <th scope="col">Worst pain (0–10)</th>
                </tr>
              </thead>
              <tbody>
                {report.weekRows.map((week) => (
                  <tr key={week.weekStart}>
                    <th scope="row">{formatLocalDate(week.weekStart, false)}</th>
                    <td>{week.runs}</td>
                    <td>{formatDistance(week.distanceMetres, report.units, 1)}</td>
                    <td>
                      {week.gluteSessionsDone} / {plannedText(week.gluteSessionsPlanned)}
                      {week.gluteSessionsPlanned !== null && week.gluteSessionsDone < week.gluteSessionsPlanned ? ' (short)' : ''}
                    </td>
                    <td>{week.ostrcSeverity === null ? '–' : `${week.ostrcSeverity}${week.ostrcSubstantial ? ' (substantial)' : ''}`}</td>
                    <td>{week.runs === 0 ? '–' : week.worstPainScore}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <div className="report-columns">
            <section>
              <h3>Weekly knee check (OSTRC-O2)</h3>
              <OstrcTrend
                print
                title="OSTRC severity by week"
                weeks={report.weekRows.map((week) => ({ weekStart: week.weekStart, severity: week.ostrcSeverity, substantial: week.ostrcSubstantial }))}
              />
              <p className="report-source">{OSTRC_SOURCE}.</p>
            </section>
            <section>
              <h3>Pain-monitoring warnings</h3>
              {report.warnings.length === 0 ? (
                <p>None in these weeks.</p>
              ) : (
                <ul className="report-list">
                  {report.warnings.map((warning) => (
                    <li key={`${warning.weekStart}-${warning.kind}`}>
                      Week of {formatLocalDate(warning.weekStart, false)}: {warning.message}
                    </li>
                  ))}
                </ul>
              )}
              <p className="report-source">
                Zones 0–2 safe, 3–5 acceptable if settled by the next morning, above 5 too much; no rise week on week. Guidance from the {PAIN_MONITORING_SOURCE}, not a
                diagnosis.
              </p>
            </section>
          </div>

          <section>
            <h3>Pain onsets</h3>
            {report.onsets.length === 0 ? (
              <p>No knee pain recorded on runs in these weeks.</p>
            ) : (
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Began at</th>
                    <th scope="col">Where</th>
                    <th scope="col">Side</th>
                    <th scope="col">Worst (0–10)</th>
                  </tr>
                </thead>
                <tbody>
                  {report.onsets.map((onset, index) => (
                    <tr key={index}>
                      <th scope="row">
                        {formatLocalDate(onset.localDate, false)}, {formatDistance(onset.runDistanceMetres, report.units, 1)}
                      </th>
                      <td>{onset.presentAtStart ? 'already there at the start' : formatDistance(onset.painOnsetMetres, report.units, 1)}</td>
                      <td>{painLocationLabels[onset.location]}</td>
                      <td>{painSideLabels[onset.side]}</td>
                      <td>{onset.worstScore}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section data-testid="report-insights">
            <h3>Does skipping glute work bring the pain on earlier?</h3>
            {report.headline.source === 'yours' && report.headline.fixed.periods.length > 0 ? (
              <>
                <p>
                  <strong data-testid="report-verdict">{verdictTitle(report.headline.verdict)}.</strong>
                </p>
                {fixedAnalysisSentences(report.headline.fixed, report.headline.milestones, (date) => formatLocalDate(date)).map((sentence) => (
                  <p key={sentence}>{sentence}</p>
                ))}
                {report.headline.fixed.periods.length > 1 ? (
                  <p>
                    Earlier analyses:{' '}
                    {report.headline.fixed.periods
                      .slice(0, -1)
                      .map((period) => `${formatLocalDate(period.from)} – ${formatLocalDate(period.to)}: ${verdictTitle(period.verdict).replace('Verdict: ', '')}`)
                      .join('; ')}
                    .
                  </p>
                ) : null}
                {report.headline.inTheseWeeks !== null ? (
                  <p className="report-source" data-testid="report-in-these-weeks">
                    In these {report.weeks} weeks alone — a description, not a test:{' '}
                    {report.headline.inTheseWeeks.ratio === null
                      ? `no ratio (${report.headline.inTheseWeeks.why ?? 'too little to estimate'})`
                      : `about ${ratioText(report.headline.inTheseWeeks.ratio.hazardRatio)} (95% interval ${report.headline.inTheseWeeks.ratio.lower.toFixed(2)}–${report.headline.inTheseWeeks.ratio.upper.toFixed(2)}). ${groupsSentence(report.headline.inTheseWeeks.groups)}`}
                  </p>
                ) : null}
                <p className="report-source">
                  Cox model on distance into the run; pain-free runs count as pain-free to their end (censored). The verdict is decided at set numbers of pain onsets
                  with boundaries that keep false claims at or under 5% over weekly looks. One runner’s own runs: an association, not proof of cause.
                </p>
              </>
            ) : (
              <p>Not enough recorded pain yet for an analysis.</p>
            )}
          </section>
          <ReportExperimentSection units={report.units} />
          <p className="report-source report-foot">
            Weeks start on the runner’s chosen day ({formatLocalDate(report.from, false)} – {formatLocalDate(addDays(report.from, 6), false)} is the first).
          </p>
        </article>
      ) : null}
    </div>
  );
}
