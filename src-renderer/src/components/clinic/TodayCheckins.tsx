import { useState } from 'react';
import { painZone, PAIN_MONITORING_SOURCE } from '../../../../src-main/shared/pain-monitoring';
import { useChannel } from '../../api/hooks';
import { useFocusAfterSave } from '../../focus';
import { formatLocalDate } from '../../local-clock';
import { FollowupForm } from './FollowupForm';
import { OstrcForm } from './OstrcForm';
import { PainLight } from './PainLight';
import './clinic.css';

const zoneWords = { safe: 'safe (0–2)', acceptable: 'acceptable (3–5)', too_much: 'too much (above 5)' } as const;

/**
 * Today's check-ins a physiotherapist would ask for: the weekly OSTRC-O2 knee check (once a week,
 * from the runner's week start), the pain after a run that hurt and the next morning, and one line
 * on this week through the pain-monitoring model — guidance naming its source, not a diagnosis.
 */
export function TodayCheckins({ onSaved }: { onSaved: (message: string) => void }) {
  const { data: clinic } = useChannel('clinic:today');
  const [answering, setAnswering] = useState(false);
  const focusOn = useFocusAfterSave();
  if (!clinic) return null;
  const week = clinic.ostrcThisWeek;
  const line = clinic.painWeek;
  // This week's warnings belong to "Pain this week"; last week's follow under one label.
  const thisWeekWarnings = clinic.warnings.filter((warning) => warning.weekStart === clinic.weekStart);
  const lastWeekWarnings = clinic.warnings.filter((warning) => warning.weekStart !== clinic.weekStart);

  return (
    <>
      {answering ? (
        <OstrcForm
          weekStart={clinic.weekStart}
          answered={week}
          onSaved={(saved) => {
            setAnswering(false);
            onSaved(`Saved this week’s knee check: severity ${saved.severity} of 100${saved.substantial ? ', a substantial problem' : ''}.`);
          }}
          onCancel={() => {
            setAnswering(false);
            focusOn('knee-check-button');
          }}
        />
      ) : (
        <section className={`card knee-check${week ? '' : ' knee-check-due'}`} aria-labelledby="knee-check">
          <div className="panel-head">
            <h2 id="knee-check">Weekly knee check</h2>
            <button type="button" className={week ? undefined : 'primary'} data-focus-key="knee-check-button" onClick={() => setAnswering(true)}>
              {week ? 'Change answers' : 'Answer 4 questions'}
            </button>
          </div>
          {week ? (
            <p data-testid="knee-check-result">
              Week of {formatLocalDate(clinic.weekStart, false)}: severity <strong>{week.severity}</strong> of 100
              {week.substantial ? ' — a substantial problem (worth telling your physio).' : week.problem ? ' — a knee problem, not a substantial one.' : ' — no knee problems.'}
            </p>
          ) : (
            <p className="muted">The OSTRC questionnaire physios use: four questions about your knee over the past 7 days. It takes a minute, once a week.</p>
          )}
        </section>
      )}

      {clinic.followupsDue.map((due) => (
        <section key={due.runId} className="card" aria-label={`Knee pain after the run of ${formatLocalDate(due.localDate)}`}>
          <FollowupForm compact run={due.run} followup={due} onSaved={() => onSaved(`Saved the pain scores for your run of ${formatLocalDate(due.localDate)}.`)} />
          {due.judgement ? <PainLight judgement={due.judgement} /> : null}
        </section>
      ))}

      {clinic.followupsGiven.map((given) =>
        given.judgement ? (
          <section key={given.runId} className="card followup-given" aria-label={`Your knee after the run of ${formatLocalDate(given.localDate)}: scores in`}>
            <h3>Your knee after the run of {formatLocalDate(given.localDate)}</h3>
            <PainLight judgement={given.judgement} />
          </section>
        ) : null,
      )}

      {line.runs > 0 || clinic.warnings.length > 0 ? (
        <p className={`pain-week-line${clinic.warnings.length > 0 ? ' pain-week-warn' : ''}`} data-testid="pain-week-line">
          <strong>Pain this week:</strong>{' '}
          {line.runs === 0 ? 'no runs yet.' : `worst ${line.worstScore}/10, ${zoneWords[painZone(line.worstScore)]}.`}{' '}
          {thisWeekWarnings.length > 0 ? <span data-testid="pain-week-this">{thisWeekWarnings.map((warning) => warning.message).join(' ')} </span> : null}
          {lastWeekWarnings.length > 0 ? (
            <span data-testid="pain-week-last">
              <strong>Last week:</strong> {lastWeekWarnings.map((warning) => warning.message).join(' ')}{' '}
            </span>
          ) : null}
          <span className="muted">Guidance from the {PAIN_MONITORING_SOURCE}, not a diagnosis.</span>
        </p>
      ) : null}
    </>
  );
}
