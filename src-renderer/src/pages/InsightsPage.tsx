import { useEffect, useMemo, useState } from 'react';
import type { PageId } from '../App';
import { EmptyState } from '../components/EmptyState';
import { ChartCanvas } from '../components/insights/ChartCanvas';
import { NumbersTable } from '../components/insights/NumbersTable';
import { loadChart, onsetScatter, survivalCurves, weeksChart } from '../components/insights/charts';
import { distanceText, medianText, pText, shortDate, signed, summarySentence, trendReading } from '../components/insights/wording';
import { messageOf, request } from '../api/client';
import { useLoadedSettings } from '../settings-context';
import {
  defaultInsightsFilters,
  DEFAULT_SESSIONS_PER_WEEK,
  type GroupSurvival,
  type Insights,
  type InsightsFilters,
} from '../../../src-main/shared/insights';
import type { DistanceUnit } from '../../../src-main/shared/domain';
import { fromMetres, metresPer } from '../../../src-main/shared/units';

const locationOptions: [InsightsFilters['location'], string][] = [
  ['lateral_knee', 'Outside of the knee (IT band)'],
  ['front_knee', 'Front of the knee'],
  ['hip', 'Hip'],
  ['other', 'Other'],
  ['any', 'Anywhere'],
];

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

export function InsightsPage({ navigate }: { navigate: (page: PageId) => void }) {
  const { units } = useLoadedSettings();
  const [filters, setFilters] = useState<InsightsFilters>(defaultInsightsFilters);
  const [insights, setInsights] = useState<Insights>();
  const [error, setError] = useState<string>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    request('insights:get', filters).then(
      (result) => {
        if (!current) return;
        setInsights(result);
        setError(undefined);
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [filters, reload]);

  const setExampleHidden = async (hidden: boolean) => {
    try {
      await request('insights:setExampleHidden', { hidden });
      setReload((count) => count + 1);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const header = (
    <header className="page-header">
      <div>
        <h1>Insights</h1>
        <p className="muted">When you skip your glute work, does the knee pain come on earlier in the run?</p>
      </div>
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
            <strong>This is an example, not your data.</strong> A made-up runner’s year, so you can see how this page works. Your own
            insights take its place once you record knee pain for your runs.
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
      <Filters filters={filters} onChange={setFilters} />
      <Summary insights={insights} units={units} />
      <OnsetCard insights={insights} units={units} />
      <SurvivalCard insights={insights} units={units} />
      <WeeksCard insights={insights} units={units} />
      <LoadCard insights={insights} />
    </div>
  );
}

function Filters({ filters, onChange }: { filters: InsightsFilters; onChange: (filters: InsightsFilters) => void }) {
  return (
    <form className="card insights-filters" aria-label="Which runs and which pain" onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor="insights-from">From</label>
        <input id="insights-from" type="date" value={filters.fromDate ?? ''} onChange={(event) => onChange({ ...filters, fromDate: event.target.value || null })} />
      </div>
      <div className="field">
        <label htmlFor="insights-to">To</label>
        <input id="insights-to" type="date" value={filters.toDate ?? ''} onChange={(event) => onChange({ ...filters, toDate: event.target.value || null })} />
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

function Summary({ insights, units }: { insights: Insights; units: DistanceUnit }) {
  const { counts } = insights;
  const claim = insights.verdict === 'earlier_when_skipped' || insights.verdict === 'later_when_skipped';
  return (
    <section className={`card insights-summary verdict-${insights.verdict}`} aria-labelledby="insights-finding">
      <h2 id="insights-finding">{claim ? 'What your data shows' : insights.verdict === 'too_little' ? 'Not enough to tell yet' : 'No clear difference'}</h2>
      <p className="finding" data-testid="insights-summary">
        {summarySentence(insights, units)}
      </p>
      <ul className="insights-counts">
        <li data-testid="insights-analysed">
          {plural(counts.analysed, 'run')} analysed: {plural(counts.painEvents, 'with pain', 'with pain')}, {counts.painFree.toLocaleString('en-GB')} pain-free the whole way.
        </li>
        <li data-testid="insights-left-out">
          {counts.unrecordedLeftOut === 0
            ? 'Every run in this range has its pain recorded.'
            : `${plural(counts.unrecordedLeftOut, 'run')} left out: ${counts.unrecordedLeftOut === 1 ? 'its' : 'their'} pain was never recorded.`}
        </li>
        <li>
          {plural(counts.onPlan, 'run')} after on-plan weeks, {plural(counts.skipped, 'run')} after weeks you skipped glute work.
        </li>
        {counts.judgedByDefaultPlan > 0 ? (
          <li data-testid="insights-default-plan">
            You had no glute plan for {counts.judgedByDefaultPlan.toLocaleString('en-GB')} of these runs; {counts.judgedByDefaultPlan === 1 ? 'it was' : 'they were'}{' '}
            judged against {DEFAULT_SESSIONS_PER_WEEK} sessions a week.
          </li>
        ) : null}
      </ul>
      <details className="method">
        <summary>How this is worked out</summary>
        <ul>
          <li>
            <strong>On plan or skipped:</strong> for each run, the glute or hip sessions in the 7 days ending on the run’s day, against what
            your plan called for over those days (a plan changed mid-week counts each day by the plan of that day). On plan means at least the
            planned number, rounded down; fewer is skipped. Days with no plan count as {DEFAULT_SESSIONS_PER_WEEK} sessions a week.
          </li>
          <li>
            <strong>Days since your last glute session</strong> are calendar days on your own calendar; a session on the day of a run counts as
            done before it.
          </li>
          <li>
            <strong>A pain-free run is not missing data:</strong> it shows you stayed pain-free for its whole distance, so it counts as
            “pain-free at least that far” (a censored observation), never as “pain at the end”.
          </li>
          <li>
            <strong>The finding</strong> comes from the log-rank test between the two curves below. Stance claims a difference only when p is
            below 0.05, with at least {insights.minimums.runsPerGroup} runs in each group and {insights.minimums.painEvents} pain onsets in all.
            Runs whose pain was never recorded are left out.
          </li>
        </ul>
      </details>
    </section>
  );
}

function OnsetCard({ insights, units }: { insights: Insights; units: DistanceUnit }) {
  const config = useMemo(() => onsetScatter(insights, units), [insights, units]);
  const { allRuns, onsetsOnly } = insights.correlation;
  return (
    <section className="card chart-card" aria-labelledby="chart-onset">
      <h2 id="chart-onset">Where the pain began, by days since your last glute session</h2>
      <p className="reading" data-testid="trend-reading">
        {trendReading(allRuns)}
      </p>
      <ChartCanvas config={config} label="Scatter chart: distance at which pain began, or pain-free distance, against days since the last glute session." />
      <p className="muted small">
        Filled red dots: where the pain began. Open green triangles: runs that stayed pain-free the whole way, drawn at their full
        distance — the pain, if it came at all, would have come later. ρ is worked out on all these runs with the pain-free ones at their
        full distance (the least they stayed pain-free): a real trend shows up weaker than it is, but none is invented.
        {onsetsOnly.rho !== null && onsetsOnly.lower !== null
          ? ` On the ${onsetsOnly.n} pain onsets alone ρ = ${signed(onsetsOnly.rho)}; that leaves out the runs that stayed pain-free, which biases it.`
          : ''}
        {insights.counts.noGluteSessionYet > 0 ? ` ${plural(insights.counts.noGluteSessionYet, 'run')} before your first glute session ${insights.counts.noGluteSessionYet === 1 ? 'is' : 'are'} not shown.` : ''}
      </p>
      <NumbersTable
        caption="Runs by days since the last glute session"
        head={['Days since last glute session', 'Runs', 'Pain began', 'Median onset', 'Pain-free runs']}
        rows={() => onsetRows(insights, units)}
      />
    </section>
  );
}

function onsetRows(insights: Insights, units: DistanceUnit): string[][] {
  const buckets = new Map<string, { runs: number; onsets: number[]; painFree: number }>();
  const order = ['0', '1', '2', '3', '4', '5', '6', '7 or more'];
  for (const key of order) buckets.set(key, { runs: 0, onsets: [], painFree: 0 });
  for (const run of insights.runs) {
    if (run.daysSinceGluteSession === null) continue;
    const bucket = buckets.get(run.daysSinceGluteSession >= 7 ? '7 or more' : String(run.daysSinceGluteSession))!;
    bucket.runs += 1;
    if (run.pain) bucket.onsets.push(run.outcomeMetres);
    else bucket.painFree += 1;
  }
  return order.map((key) => {
    const bucket = buckets.get(key)!;
    const sorted = [...bucket.onsets].sort((a, b) => a - b);
    const middle = sorted.length === 0 ? null : sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    return [key, String(bucket.runs), String(bucket.onsets.length), middle === null ? '–' : distanceText(middle, units), String(bucket.painFree)];
  });
}

function survivalAt(group: GroupSurvival, metres: number): string {
  if (group.runs === 0 || metres > group.longestMetres) return '–';
  let point = group.curve[0]!;
  for (const candidate of group.curve) if (candidate.distanceMetres <= metres) point = candidate;
  return `${Math.round(100 * point.stillPainFree)}% (${Math.round(100 * point.lower)}–${Math.round(100 * point.upper)})`;
}

function SurvivalCard({ insights, units }: { insights: Insights; units: DistanceUnit }) {
  const config = useMemo(() => survivalCurves(insights, units), [insights, units]);
  const { onPlan, skipped, logRank } = insights.survival;
  return (
    <section className="card chart-card" aria-labelledby="chart-survival">
      <h2 id="chart-survival">Still pain-free at this distance</h2>
      <dl className="facts insights-medians" data-testid="survival-medians">
        <dt>Median pain-free distance after on-plan weeks</dt>
        <dd data-testid="median-on-plan">{onPlan.runs === 0 ? 'no runs' : medianText(onPlan, units)}</dd>
        <dt>Median pain-free distance after skipped weeks</dt>
        <dd data-testid="median-skipped">{skipped.runs === 0 ? 'no runs' : medianText(skipped, units)}</dd>
        <dt>Log-rank test</dt>
        <dd data-testid="log-rank">{logRank ? `χ² = ${logRank.chiSquare.toFixed(2)}, ${pText(logRank.pValue)}` : 'cannot be worked out yet (it needs runs in both groups and at least one pain onset)'}</dd>
      </dl>
      <ChartCanvas config={config} label="Step chart: share of runs still pain-free at each distance, after on-plan and after skipped glute weeks, with 95% bands." />
      <p className="muted small">
        Kaplan–Meier curves: of the runs that got this far, the share still free of pain. A curve that drops sooner means the pain came on
        earlier. The shaded bands are 95% confidence intervals; where they overlap a lot, the data cannot tell the two apart. The median
        is where a curve crosses 50%.
      </p>
      <NumbersTable
        caption="Share of runs still pain-free at each distance (95% interval)"
        head={[`Distance (${units})`, 'On plan', 'Skipped']}
        rows={() => {
          const longest = Math.max(onPlan.longestMetres, skipped.longestMetres);
          const step = metresPer(units);
          const rows: string[][] = [];
          for (let metres = step; metres <= longest; metres += step) {
            rows.push([fromMetres(metres, units).toFixed(0), survivalAt(onPlan, metres), survivalAt(skipped, metres)]);
          }
          return rows;
        }}
      />
    </section>
  );
}

function WeeksCard({ insights, units }: { insights: Insights; units: DistanceUnit }) {
  const config = useMemo(() => weeksChart(insights, units), [insights, units]);
  const short = insights.weeks.filter((week) => week.gluteSessionsDone < Math.floor(week.gluteSessionsPlanned + 1e-9)).length;
  return (
    <section className="card chart-card" aria-labelledby="chart-weeks">
      <h2 id="chart-weeks">The weeks</h2>
      <p className="reading">
        Glute sessions done (bars) against planned (dashed), the distance you ran each week, and where each run’s pain began. You did fewer
        sessions than planned in {plural(short, 'week')} of {insights.weeks.length}.
      </p>
      <ChartCanvas config={config} label="Weekly chart: glute sessions done and planned, weekly distance, and pain onsets." height={320} />
      <NumbersTable
        caption="Each week: glute sessions done and planned, distance, and pain onsets"
        head={['Week of', 'Sessions done', 'Planned', `Distance (${units})`, 'Pain began at']}
        rows={() => {
          const onsets = new Map<string, string[]>();
          let week = 0;
          for (const run of insights.runs) {
            while (week + 1 < insights.weeks.length && insights.weeks[week + 1]!.weekStart <= run.localDate) week += 1;
            if (!run.pain) continue;
            const start = insights.weeks[week]?.weekStart ?? '';
            onsets.set(start, [...(onsets.get(start) ?? []), distanceText(run.outcomeMetres, units)]);
          }
          return insights.weeks.map((entry) => [
            shortDate(entry.weekStart),
            String(entry.gluteSessionsDone),
            (Math.round(entry.gluteSessionsPlanned * 10) / 10).toString(),
            fromMetres(entry.distanceMetres, units).toFixed(1),
            (onsets.get(entry.weekStart) ?? []).join(', ') || '–',
          ]);
        }}
      />
    </section>
  );
}

function LoadCard({ insights }: { insights: Insights }) {
  const config = useMemo(() => loadChart(insights), [insights]);
  const { jumps, jumpAbove } = insights.load;
  return (
    <section className="card chart-card" aria-labelledby="chart-load">
      <h2 id="chart-load">Training load</h2>
      <p className="reading">
        How your last week’s running compares with the last four: the 7-day over the 28-day exponentially weighted average of daily
        distance. Above 1 you are running more than you are used to.{' '}
        {insights.load.days.some((day) => day.ratio !== null)
          ? `${plural(jumps.length, 'day')} went above ${jumpAbove} (marked).`
          : 'Not enough history yet: the ratio needs 28 days of running.'}
      </p>
      <ChartCanvas config={config} label={`Line chart: acute to chronic ratio of daily distance over time, with days above ${jumpAbove} marked.`} height={240} />
      <p className="muted small">
        A note of caution: the thresholds are disputed. The 0.8–1.3 “sweet spot” and the 1.5 “danger zone” come from team sports, and some
        researchers argue the ratio predicts injury poorly. Read a jump as “you ran much more than usual”, not as a risk score.
      </p>
      <NumbersTable
        caption="Days when the ratio jumped"
        head={['Day', 'Ratio']}
        rows={() => jumps.map((day) => [shortDate(day.date), (day.ratio ?? 0).toFixed(2)])}
      />
    </section>
  );
}
