import { useId, useState, type FormEvent } from 'react';
import type { Run } from '../../../../src-main/shared/domain';
import type { RunPainFollowup } from '../../../../src-main/shared/clinic';
import { useSave } from '../../api/hooks';
import { formatLocalDate } from '../../local-clock';

const fields = ['afterScore', 'nextMorningScore'] as const;
const readScore = (text: string): number | null => (text.trim() === '' ? null : Number(text));

interface Props {
  run: Run;
  followup: RunPainFollowup;
  /** Shown on Today: a shorter heading naming the run. */
  compact?: boolean;
  onSaved?: (followup: RunPainFollowup) => void;
}

/**
 * For a run that hurt: the worst knee pain after it (that day) and the next morning, 0–10, as the
 * pain-monitoring model asks. The morning's score opens once that morning has come.
 */
export function FollowupForm({ run, followup, compact = false, onSaved }: Props) {
  const id = useId();
  const [after, setAfter] = useState(followup.scores.after === null ? '' : String(followup.scores.after));
  const [morning, setMorning] = useState(followup.scores.nextMorning === null ? '' : String(followup.scores.nextMorning));
  const { save, saving, fieldError, formError, invalid, refuse } = useSave('followup:set', { fields });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const afterScore = readScore(after);
    const nextMorningScore = followup.nextMorningOpen ? readScore(morning) : null;
    if ((afterScore !== null && Number.isNaN(afterScore)) || (nextMorningScore !== null && Number.isNaN(nextMorningScore))) {
      refuse({ fields: {}, form: 'Give each score as a whole number from 0 (no pain) to 10 (the worst pain imaginable).' });
      return;
    }
    if (afterScore === null && nextMorningScore === null) {
      refuse({ fields: { afterScore: 'Give a score from 0 to 10.' } });
      return;
    }
    const saved = await save({ runId: run.id, afterScore, nextMorningScore });
    if (saved) onSaved?.(saved);
  }

  return (
    <form className="followup-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{compact ? `Your knee after the run of ${formatLocalDate(run.localDate)}` : 'After the run and the next morning'}</h3>
      <div className="followup-fields">
        <div className="field">
          <label htmlFor={`${id}-after`}>Worst pain after the run (0–10)</label>
          <input id={`${id}-after`} className="score-input" type="number" inputMode="numeric" min={0} max={10} step={1} value={after} onChange={(e) => setAfter(e.target.value)} {...invalid('afterScore')} />
          {fieldError('afterScore')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-morning`}>Next morning (0–10)</label>
          <input
            id={`${id}-morning`}
            className="score-input"
            type="number"
            inputMode="numeric"
            min={0}
            max={10}
            step={1}
            disabled={!followup.nextMorningOpen}
            value={morning}
            onChange={(e) => setMorning(e.target.value)}
            {...invalid('nextMorningScore', followup.nextMorningOpen ? undefined : `${id}-morning-hint`)}
          />
          {followup.nextMorningOpen ? null : (
            <p className="hint" id={`${id}-morning-hint`}>
              Tomorrow morning.
            </p>
          )}
          {fieldError('nextMorningScore')}
        </div>
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save scores'}
        </button>
      </div>
      {formError}
    </form>
  );
}
