import { useMemo, useState } from 'react';
import { ExperimentLink } from '../components/experiment/ExperimentLink';
import { EmptyState } from '../components/EmptyState';
import { InputEcho } from '../components/InputEcho';
import { ChartCanvas } from '../components/insights/ChartCanvas';
import { BeforePainAcross } from '../components/insights/BeforePainAcross';
import { NumbersTable } from '../components/insights/NumbersTable';
import { groupNames, loadChart, longRunChart, onsetScatter, survivalCurves, weeksChart } from '../components/insights/charts';
import { halfText, painWords, pText, shortDate, summarySentences, summaryTitle, timesText } from '../components/insights/wording';
import { groupsSentence } from '../../../src-main/shared/insights-words';
import '../components/insights/insights.css';
import { useChannel, useSave } from '../api/hooks';
import { useNavigate } from '../navigation';
import { useResolvedTheme, type Theme } from '../theme';
import { useLoadedSettings } from '../settings-context';
import { defaultInsightsFilters, type Insights, type InsightsFilters } from '../../../src-main/shared/insights';
import type { DistanceUnit } from '../../../src-main/shared/domain';
import { metresPer } from '../../../src-main/shared/units';

const locationOptions: [InsightsFilters['location'], string][] = [
  ['lateral_knee', 'Outside of the knee (IT band)'],
  ['front_knee', 'Front of the knee'],
  ['hip', 'Hip'],
  ['other', 'Other'],
  ['any', 'Anywhere'],
];

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/**
 * The Insights page: reads `insights:get` for the chosen filters through the renderer's one door
 * (useChannel, keeping the shown answer while a new range is worked out) and hides or shows the
 * example through useSave; every save elsewhere in the window makes it ask again.
 */
export function InsightsPage() {
  const { units, theme: themeChoice } = useLoadedSettings();
  const theme = useResolvedTheme(themeChoice);
  const navigate = useNavigate();
  const [filters, setFilters] = useState<InsightsFilters>(defaultInsightsFilters);
  const read = useChannel('insights:get', filters, { keepPrevious: true });
  const exampleSave = useSave('insights:setExampleHidden');
  const periodSave = useSave('insights:startPeriod');
  const insights = read.data;
  const error = read.error ?? exampleSave.problem?.form;

  const setExampleHidden = (hidden: boolean) => void exampleSave.save({ hidden });

  const header = (
    <header className="page-header">
      <div>
        <h1>Insights</h1>
        <p className="muted">When you skip your glute work, does the knee pain come on earlier in the run?</p>
      </div>
      <ExperimentLink />
    </header>
  );

  if (!insights) {
    return (
      <div className="page">
        {header}
        {error ? (
          <div className="error-banner" role="alert">
            {error}
          </div>
        ) : (
          <p className="muted" role="status">
            Working out your insights…
          </p>
        )}
      </div>
    );
  }

  if (insights.source === 'yours' && !insights.hasOwnData) {
    return (
      <div className="page">
        {header}
        <EmptyState
          title="Nothing to analyse yet"
          action={
            <>
              <button type="button" className="primary" onClick={() => navigate('runs')}>
                Go to Runs
              </button>
              <button type="button" onClick={() => void setExampleHidden(false)}>
                Show the example again
              </button>
            </>
          }
        >
          <p>
            Once you have logged runs with their knee pain (where in the run it began, or that the run was pain-free) and your glute
            sessions, this page shows whether the pain comes on earlier in a run after you skipped glute work — with the uncertainty
            shown, and a plain warning when there is too little data to tell.
          </p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page insights">
      {header}
      {insights.source === 'example' ? (
        <section className="example-banner" aria-label="Example data">
          <p>
            <strong>This is an example, not your data.</strong> A made-up runner’s year, so you can see how this page works: in it, 7+
            days without glute work double the chance of the knee pain starting at any point of a run (a hazard ratio of 2, about what a
            real effect might be). Your own insights take its place once you record knee pain for your runs.
          </p>
          <div className="actions">
            <button type="button" onClick={() => void setExampleHidden(true)}>
              Hide the example
            </button>
            <button type="button" className="link" onClick={() => navigate('runs')}>
              Log a run
            </button>
          </div>
        </section>
      ) : null}
      {error ? (
        <div className="error-banner" role="alert">
          {error}
        </div>
      ) : null}
      <Filters filters={filters} onChange={setFilters} insights={insights} />
      <Summary insights={insights} onStartNew={(fromDate) => void periodSave.save({ fromDate })} starting={periodSave.saving} startProblem={periodSave.problem?.form} />
      <Description insights={insights} />
      <OnsetCard insights={insights} units={units} theme={theme} />
      <BeforePainAcross units={units} />
      <SurvivalCard insights={insights} units={units} theme={theme} />
      <WeeksCard insights={insights} units={units} theme={theme} />
      <LoadCard insights={insights} units={units} theme={theme} />
    </div>
  );
}

function Filters({ filters, onChange, insights }: { filters: InsightsFilters; onChange: (filters: InsightsFilters) => void; insights: Insights }) {
  const { range } = insights;
  return (
    <form className="card insights-filters" aria-label="Which runs and which pain" onSubmit={(event) => event.preventDefault()}>
      <p className="range-note muted small" data-testid="insights-range">
        {range.from !== null && range.to !== null
          ? `${range.isDefault ? 'The whole analysis' : 'Runs shown'}: ${shortDate(range.from)} to ${shortDate(range.to)}.`
          : 'No runs yet.'}
        {range.isDefault && insights.firstRunDate !== null && range.from !== null && insights.firstRunDate < range.from
          ? ` Your runs go back to ${shortDate(insights.firstRunDate)} (before the first pain note or an earlier analysis): set From to see them.`
          : ''}
        {' '}Dates, site and side change the pictures below, never the verdict.
        {!range.isDefault ? (
          <>
            {' '}
            <button type="button" className="link" onClick={() => onChange({ ...filters, fromDate: null, toDate: null })}>
              Back to the whole analysis
            </button>
          </>
        ) : null}
      </p>
      <div className="field">
        <label htmlFor="insights-from">From</label>
        <input id="insights-from" type="date" value={filters.fromDate ?? range.from ?? ''} onChange={(event) => onChange({ ...filters, fromDate: event.target.value || null })} />
        <InputEcho kind="date" value={filters.fromDate ?? range.from ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="insights-to">To</label>
        <input id="insights-to" type="date" value={filters.toDate ?? range.to ?? ''} onChange={(event) => onChange({ ...filters, toDate: event.target.value || null })} />
        <InputEcho kind="date" value={filters.toDate ?? range.to ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="insights-location">Pain location</label>
        <select
          id="insights-location"
          value={filters.location}
          onChange={(event) => onChange({ ...filters, location: event.target.value as InsightsFilters['location'] })}
        >
          {locationOptions.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="insights-side">Side</label>
        <select id="insights-side" value={filters.side} onChange={(event) => onChange({ ...filters, side: event.target.value as InsightsFilters['side'] })}>
          <option value="any">Either side</option>
          <option value="left">Left</option>
          <option value="right">Right</option>
        </select>
      </div>
    </form>
  );
}

function Summary({ insights, onStartNew, starting, startProblem }: { insights: Insights; onStartNew: (fromDate: string) => void; starting: boolean; startProblem: string | undefined }) {
  const { counts, model, fixed } = insights;
  const title = summaryTitle(insights.verdict);
  const pain = painWords(insights.filters);
  const period = fixed.periods[fixed.periods.length - 1];
  return (
    <section className={`card insights-summary verdict-${insights.verdict}`} aria-labelledby="insights-finding">
      <h2 id="insights-finding" data-testid="insights-verdict">
        {title}
      </h2>
      <div className="finding" data-testid="insights-summary">
        {summarySentences(insights).map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </div>
      {period !== undefined ? (
        <table className="checks headline-groups" data-testid="headline-groups">
          <caption className="muted small">The headline’s groups (the same on the curves and the scatter below)</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="num">
                Runs
              </th>
              <th scope="col" className="num">
                With pain
              </th>
              <th scope="col" className="num">
                Without a pain note
              </th>
            </tr>
          </thead>
          <tbody>
            {(['skipped', 'usual'] as const).map((group) => (
              <tr key={group} data-testid={`headline-group-${group}`}>
                <th scope="row">{group === 'skipped' ? 'After 7+ days without glute work' : 'After 0–6 days'}</th>
                <td className="num">{period.groups[group].runs}</td>
                <td className="num">{period.groups[group].onsets}</td>
                <td className="num">{period.groups[group].unnoted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {model.permutation !== null ? (
        <p className="muted small" data-testid="permutation">
          Week-shift test over the whole analysis: {pText(model.permutation.pValue)} — your glute calendar shifted against your runs by whole weeks, {model.permutation.shifts}{' '}
          ways; this p allows for runs that are not independent (flare-ups, catching up on glute work after a bad week). Like the interval, it is a single look’s: the verdict
          comes from the checks below.
        </p>
      ) : null}
      <SequentialTrack insights={insights} />
      <Periods insights={insights} onStartNew={onStartNew} starting={starting} problem={startProblem} />
      <ul className="insights-counts">
        <li data-testid="insights-analysed">
          In view: {plural(counts.analysed, 'run')} with {pain} noted: {plural(counts.painEvents, 'with pain', 'with pain')}, {counts.painFree.toLocaleString('en-GB')} pain-free the whole way
          ({plural(counts.skipped, 'run')} after 7+ days without glute work, {plural(counts.usual, 'run')} after 0–6 days).
        </li>
        <li data-testid="insights-left-out">
          {counts.unrecordedLeftOut === 0
            ? 'Every run in view has its pain noted.'
            : `${plural(counts.unrecordedLeftOut, 'run')} in view ${counts.unrecordedLeftOut === 1 ? 'has' : 'have'} no pain note. Note the pain of every run (Today and the Pain page ask): the verdict is made only where it holds whatever those runs were.`}
        </li>
        {counts.soreAtStart > 0 ? (
          <li data-testid="insights-sore-at-start">
            {plural(counts.soreAtStart, 'run')} set apart: the {pain} was already there when {counts.soreAtStart === 1 ? 'it' : 'they'} started, so{' '}
            {counts.soreAtStart === 1 ? 'it says' : 'they say'} nothing about when it begins.{' '}
            {sorePhrase(insights)}
          </li>
        ) : null}
        {counts.noGluteSessionYet > 0 ? (
          <li>{plural(counts.noGluteSessionYet, 'run')} before your first logged glute session: no “days since”, in neither group.</li>
        ) : null}
      </ul>
      <CutShortCheck insights={insights} />
      <details className="method">
        <summary>How this is worked out</summary>
        <ul>
          <li>
            <strong>One analysis, fixed in advance, owns the verdict:</strong> all your runs for your main complaint (set in Settings) from your first
            run with a pain note. Checks happen when your pain onsets reach {model.sequential.looks.map((look) => look.onsets).join(', ')}, counted over
            that whole analysis; a verdict reached at a check stays, whatever dates, site or side you look at afterwards. After the last check the
            analysis is finished; after a change of routine you can start a new one, and every analysis is listed with its verdict.
          </li>
          <li>
            <strong>The estimate</strong> comes from a Cox proportional-hazards model on the distance into the run: it compares, at every distance, the
            runs still pain-free there, and asks whether the pain started sooner in runs 7+ days after the last glute session than in runs 0–6 days
            after. It allows for how far you ran in the 7 days before (and earlier that day) and for a slow change over the calendar.
          </li>
          <li>
            <strong>Why it says “cannot tell yet” for a while:</strong> you look at this page every week. If every look could declare a difference at
            the usual 5% level, a year of looks would raise a false alarm about one year in four. The checks use a stricter bar early on
            (group-sequential boundaries, O’Brien–Fleming type), so that over all the looks a difference that is not there is claimed at most 5% of the
            time (shown by simulation over one, two and three years of weekly looks).
          </li>
          <li>
            <strong>Runs without a pain note</strong> are counted per group. A check is passed only when it is passed both with them left out and with
            them counted as pain-free to their full distance.
          </li>
          <li>
            <strong>A pain-free run is not missing data:</strong> it shows you stayed pain-free for its whole distance. Pain already there at the start
            is set apart, not counted as starting at 0.
          </li>
          <li>
            <strong>The charts below are pictures of your runs</strong>, not tests, in the headline’s two groups.
          </li>
        </ul>
      </details>
    </section>
  );
}

function Periods({ insights, onStartNew, starting, problem }: { insights: Insights; onStartNew: (fromDate: string) => void; starting: boolean; problem: string | undefined }) {
  const { fixed } = insights;
  const [fromDate, setFromDate] = useState('');
  if (fixed.periods.length === 0) return null;
  const lastRun = insights.lastRunDate;
  return (
    <div className="analysis-periods" data-testid="analysis-periods">
      {fixed.periods.length > 1 || fixed.canStartNew ? (
        <table className="checks">
          <caption className="muted small">Your analyses (each on its own runs, each with its verdict)</caption>
          <thead>
            <tr>
              <th scope="col">Covers</th>
              <th scope="col">Verdict</th>
              <th scope="col">Decided</th>
            </tr>
          </thead>
          <tbody>
            {fixed.periods.map((period) => (
              <tr key={period.from}>
                <td>
                  {shortDate(period.from)} – {shortDate(period.to)}
                  {period.current ? ' (current)' : ''}
                </td>
                <td>{summaryTitle(period.verdict).replace('Verdict: ', '')}</td>
                <td>{period.decidedAt === null ? 'not yet' : `at ${period.decidedAt.onsets} onsets, ${shortDate(period.decidedAt.on)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {fixed.canStartNew && insights.source === 'yours' ? (
        <form
          className="start-period"
          onSubmit={(event) => {
            event.preventDefault();
            if (fromDate) onStartNew(fromDate);
          }}
        >
          <p className="muted small">
            This analysis has its verdict. If you change your routine, you can start a new analysis from a day after your last run
            {lastRun ? ` (${shortDate(lastRun)})` : ''}; this one stays listed with its verdict.
          </p>
          <label htmlFor="period-from">First day of the new analysis</label>{' '}
          <input id="period-from" type="date" value={fromDate} onChange={(event) => setFromDate(event.target.value)} /> <InputEcho kind="date" value={fromDate} />{' '}
          <button type="submit" disabled={starting || !fromDate}>
            Start a new analysis
          </button>
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function Description({ insights }: { insights: Insights }) {
  const { description } = insights;
  if (description === null) return null;
  const pain = painWords(insights.filters);
  return (
    <section className="card insights-description" aria-labelledby="insights-description" data-testid="insights-description">
      <h2 id="insights-description">In this view — a description, not a test</h2>
      <p>
        {description.ratio === null
          ? `In this view (${pain}): no ratio — ${description.why ?? 'the model could not be fitted.'}`
          : `In this view: after 7+ days without glute work, ${pain} was about ${timesText(description.ratio.hazardRatio)} as likely to start at any given point of a run as after 0–6 days (95% interval ${description.ratio.lower.toFixed(2)}–${description.ratio.upper.toFixed(2)}) — a description, not a test.`}
      </p>
      <p className="muted small">
        {groupsSentence(description.groups)} Choosing dates, a site or a side picks runs after seeing them, so this estimate is not a finding and
        never changes the verdict above.
      </p>
    </section>
  );
}

function sorePhrase(insights: Insights): string {
  const after = insights.soreAtStartRuns.filter((run) => run.daysSinceGluteSession !== null && run.daysSinceGluteSession >= 7).length;
  return `${after} of ${insights.counts.soreAtStart} came 7+ days after a glute session.`;
}

function SequentialTrack({ insights }: { insights: Insights }) {
  const { sequential } = insights.model;
  return (
    <details className="method" data-testid="sequential">
      <summary>The checks so far</summary>
      <table className="checks">
        <thead>
          <tr>
            <th scope="col">At pain onsets</th>
            <th scope="col">Reached</th>
            <th scope="col" className="num">
              Evidence (z)
            </th>
            <th scope="col" className="num">
              Bar
            </th>
          </tr>
        </thead>
        <tbody>
          {sequential.looks.map((look) => (
            <tr key={look.onsets}>
              <td>{look.onsets}</td>
              <td>{look.reachedOn === null ? 'not yet' : shortDate(look.reachedOn)}</td>
              <td className="num">{look.z === null ? '–' : look.z.toFixed(2)}</td>
              <td className="num">
                {look.boundary.toFixed(2)}
                {look.crossed ? ' — passed' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function CutShortCheck({ insights }: { insights: Insights }) {
  const check = insights.model.cutShortSensitivity;
  if (check === null) return null;
  const main = insights.model.exposure;
  return (
    <p className="muted small" data-testid="cut-short-check">
      Check: {plural(check.runs, 'pain-free run')} {check.runs === 1 ? 'was' : 'were'} cut short because of your knee. Counting{' '}
      {check.runs === 1 ? 'it' : 'them'} as pain starting where you stopped,{' '}
      {check.exposure === null
        ? `the model cannot be fitted (${check.problem ?? 'too little data'}).`
        : `the hazard ratio is ${timesText(check.exposure.hazardRatio)} (95% interval ${check.exposure.lower.toFixed(2)}–${check.exposure.upper.toFixed(2)})${
            main === null ? '.' : ` against ${timesText(main.hazardRatio)} without ${check.runs === 1 ? 'it' : 'them'}: ${Math.abs(Math.log(check.exposure.hazardRatio / main.hazardRatio)) < 0.15 ? 'much the same answer' : 'a different answer, so read the headline with care'}.`
          }`}
    </p>
  );
}

function OnsetCard({ insights, units, theme }: { insights: Insights; units: DistanceUnit; theme: Theme }) {
  const chart = useMemo(() => onsetScatter(insights, units), [insights, units]);
  return (
    <section className="card chart-card" aria-labelledby="chart-onset">
      <h2 id="chart-onset">Where the pain began, by days since your last glute session</h2>
      <p className="muted small">
        A picture of your runs, not a test, in the headline’s two groups (0–6 days: {plural(insights.counts.usual, 'run')}, circles and
        triangles; 7+ days: {plural(insights.counts.skipped, 'run')}, diamonds and squares): each run is drawn at the distance where the pain
        began (filled red) or, if it stayed pain-free, at its full distance (open green) — the pain, if it came at all, would have come later. Runs more than{' '}
        {14} days after a session are drawn in the “14+” column. The answer at the top comes from the model, not from this picture.
        {insights.counts.noGluteSessionYet > 0
          ? ` ${plural(insights.counts.noGluteSessionYet, 'run')} before your first glute session ${insights.counts.noGluteSessionYet === 1 ? 'is' : 'are'} not drawn.`
          : ''}
      </p>
      <ChartCanvas theme={theme} config={chart.config} label="Scatter chart: for every run, the distance at which pain began, or its pain-free distance, against days since the last glute session." />
      <NumbersTable
        caption="Every run: days since the last glute session and where the pain began"
        head={['Run', 'Days since last glute session', 'Group', `Distance (${units})`, 'Pain']}
        rows={() => chart.rows}
      />
    </section>
  );
}

function SurvivalCard({ insights, units, theme }: { insights: Insights; units: DistanceUnit; theme: Theme }) {
  const chart = useMemo(() => survivalCurves(insights, units, metresPer(units)), [insights, units]);
  const { usual, skipped } = insights.survival;
  return (
    <section className="card chart-card" aria-labelledby="chart-survival">
      <h2 id="chart-survival">Still pain-free at this distance</h2>
      <dl className="facts insights-medians" data-testid="survival-halves">
        <dt>After {groupNames.usual}</dt>
        <dd data-testid="half-usual">{halfText(usual, units)}</dd>
        <dt>After {groupNames.skipped}</dt>
        <dd data-testid="half-skipped">{halfText(skipped, units)}</dd>
      </dl>
      <ChartCanvas
        theme={theme}
        config={chart.config}
        label="Step chart: share of runs still pain-free at each distance, after 0–6 days since glute work and after 7+ days without, with 95% bands."
      />
      <p className="muted small">
        A description of your runs in view (Kaplan–Meier curves), not a test, in the headline’s two groups: of the runs that got this far, the
        share still free of pain, for runs 0–6 days after a glute session ({usual.runs} runs, {usual.painEvents} with pain) and runs after 7+
        days without ({skipped.runs} runs, {skipped.painEvents} with pain). The shaded bands are 95% intervals. Where the curves differ, other
        things may differ too (longer runs, busier weeks): the model at the top allows for those.
      </p>
      <NumbersTable
        caption="Share of runs still pain-free at each distance (95% interval)"
        head={[`Distance (${units})`, 'After 0–6 days', 'After 7+ days without glute work']}
        rows={() => chart.rows}
      />
    </section>
  );
}

function WeeksCard({ insights, units, theme }: { insights: Insights; units: DistanceUnit; theme: Theme }) {
  const chart = useMemo(() => weeksChart(insights, units), [insights, units]);
  const judged = insights.weeks.filter((week) => !week.partial && week.gluteSessionsPlanned !== null);
  const missed = judged.filter((week) => week.missed).length;
  const breaks = insights.weeks.filter((week, index) => index > 0 && week.gapWeeksBefore > 0).length;
  return (
    <section className="card chart-card" aria-labelledby="chart-weeks">
      <h2 id="chart-weeks">The weeks</h2>
      <p className="reading" data-testid="weeks-reading">
        Glute sessions done (bars; orange where fewer than planned; grey outline where the week is not whole, such as this week so far) against planned (dashed), the distance you ran each week, and where each
        run’s pain began{insights.weeks.some((week) => typeof week.ostrcSeverity === 'number') ? ', and your weekly knee check’s severity (diamonds, OSTRC 0–100)' : ''}. {judged.length === 0 ? 'No whole week with a plan to judge yet.' : `You did fewer sessions than planned in ${plural(missed, 'week')} of ${judged.length}`}
        {judged.length > 0 ? ' (weeks cut by the edge of the range or by a break, and weeks without a plan, are not judged).' : ''}
        {breaks > 0 ? ` ${plural(breaks, 'break')} of more than 4 weeks without running ${breaks === 1 ? 'is' : 'are'} drawn as a dashed line.` : ''}
      </p>
      <ChartCanvas theme={theme} config={chart.config} label="Weekly chart: glute sessions done and planned, weekly distance, and pain onsets." height={320} />
      <NumbersTable
        caption="Each week: glute sessions done and planned, distance, and pain onsets"
        head={['Week of', 'Sessions done', 'Planned', 'Judged', `Distance (${units})`, `Pain began at (${units})`, 'Knee check (OSTRC 0–100)']}
        rows={() => chart.rows}
      />
    </section>
  );
}

function LoadCard({ insights, units, theme }: { insights: Insights; units: DistanceUnit; theme: Theme }) {
  const longRuns = useMemo(() => longRunChart(insights, units), [insights, units]);
  const ratio = useMemo(() => loadChart(insights), [insights]);
  const { longRuns: runs, jumps, jumpAbove, spikeAbove } = insights.load;
  const spikes = runs.filter((run) => run.spike).length;
  const judged = runs.filter((run) => run.longestPrevious30DaysMetres !== null).length;
  const percent = Math.round(100 * spikeAbove);
  return (
    <section className="card chart-card" aria-labelledby="chart-load">
      <h2 id="chart-load">Training load</h2>
      <p className="reading" data-testid="long-run-reading">
        {judged === 0
          ? 'Not enough history yet: a run is compared with the longest run of the 30 days before it, which needs 30 days of running (again after a break of more than 4 weeks).'
          : `${plural(spikes, 'run')} of ${judged} ${spikes === 1 ? 'was' : 'were'} longer than ${percent}% of the longest run of the 30 days before (marked).`}{' '}
        In a study of 5,205 runners, a single run that much longer than the recent longest raised the rate of overuse injuries 1.5–2.3 times
        (Frandsen et al., Br J Sports Med 2025).
        {runs.length > judged && judged > 0 ? ` The first 30 days of running, and of running again after a break, have not enough history and are not judged.` : ''}
      </p>
      <ChartCanvas theme={theme} config={longRuns.config} label={`Chart: every run's distance, with ${percent}% of the longest run of the 30 days before it.`} height={260} />
      <NumbersTable
        caption="Runs longer than 110% of the longest run of the 30 days before"
        head={['Run', `Distance (${units})`, `Longest of the 30 days before (${units})`, 'Share']}
        rows={() => longRuns.rows}
        empty="No run was that much longer than the recent longest."
      />
      <h3>Acute:chronic ratio</h3>
      <p className="reading">
        A second, older measure: the last week’s running against the last four (7-day over 28-day exponentially weighted average of daily
        distance).{' '}
        {insights.load.days.some((day) => day.ratio !== null)
          ? `${plural(jumps.length, 'day')} went above ${jumpAbove} (marked).`
          : 'Not enough history yet: the ratio needs 28 days of running.'}{' '}
        The first 28 days of running, and of running again after a break of more than 4 weeks, have not enough history and show no ratio.
      </p>
      <ChartCanvas theme={theme} config={ratio.config} label={`Line chart: acute to chronic ratio of daily distance over time, with days above ${jumpAbove} marked.`} height={220} />
      <p className="muted small">
        A note of caution: its thresholds are disputed. The 0.8–1.3 “sweet spot” and the 1.5 “danger zone” come from team sports, and in the
        runners’ study above the ratio did not predict injuries. Read a jump as “you ran much more than usual”, not as a risk score.
      </p>
      <NumbersTable caption="Days when the ratio went above the threshold" head={['Day', 'Ratio']} rows={() => ratio.rows} empty="No day went above it." />
    </section>
  );
}
