import { InputEcho } from '../InputEcho';
import { useId, useState, type FormEvent } from 'react';
import { addDays } from '../../../../src-main/shared/calendar';
import { checkinContextLabels, checkinContexts, type CheckinContext, type PainCheckin } from '../../../../src-main/shared/pain';
import { useSave } from '../../api/hooks';
import { todayLocalDate } from '../../local-clock';
import { Segmented } from './Segmented';

const fields = ['localDate', 'context', 'leftScore', 'rightScore', 'notes'] as const;


interface Props {
  /** The check-in to edit; a new one when absent. */
  checkin?: PainCheckin;
  onSaved: (checkin: PainCheckin) => void;
  /** Shown as a Cancel button when given (editing). */
  onCancel?: (() => void) | undefined;
  /** Focus the first field at once (opened by a button, e.g. on Today). */
  autoFocus?: boolean;
}

/** A score typed as text: blank is "not scored"; anything else goes to main, which checks it. */
function readScore(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/** How the knee feels today: a 0–10 score for the left and/or right, and when it hurts. */
export function CheckinForm({ checkin, onSaved, onCancel, autoFocus = false }: Props) {
  const id = useId();
  const [localDate, setLocalDate] = useState(checkin?.localDate ?? todayLocalDate());
  const [context, setContext] = useState<CheckinContext>(checkin?.context ?? 'general');
  const [leftScore, setLeftScore] = useState(checkin?.leftScore === null || !checkin ? '' : String(checkin.leftScore));
  const [rightScore, setRightScore] = useState(checkin?.rightScore === null || !checkin ? '' : String(checkin.rightScore));
  const [notes, setNotes] = useState(checkin?.notes ?? '');
  const add = useSave('checkins:add', { fields });
  const change = useSave('checkins:update', { fields });
  const { saving, refuse, fieldError, invalid, formError } = checkin ? change : add;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft = { localDate, context, leftScore: readScore(leftScore), rightScore: readScore(rightScore), notes };
    const badLeft = draft.leftScore !== null && Number.isNaN(draft.leftScore);
    const badRight = draft.rightScore !== null && Number.isNaN(draft.rightScore);
    if (badLeft || badRight) {
      refuse({
        fields: {
          ...(badLeft ? { leftScore: 'Give the left knee a score from 0 (no pain) to 10 (the worst pain imaginable).' } : {}),
          ...(badRight ? { rightScore: 'Give the right knee a score from 0 (no pain) to 10 (the worst pain imaginable).' } : {}),
        },
      });
      return;
    }
    const saved = checkin ? await change.save({ id: checkin.id, ...draft }) : await add.save(draft);
    if (saved) onSaved(saved);
  }


  return (
    <form className="card form checkin-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{checkin ? 'Edit check-in' : 'How does your knee feel today?'}</h2>
      <div className="checkin-grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={localDate}
            max={addDays(todayLocalDate(), 1)}
            onChange={(e) => setLocalDate(e.target.value)}
            // Editing starts from a row further down the page: bring the form into view and focus.
            autoFocus={autoFocus || checkin !== undefined}
            {...invalid('localDate')}
          />
          <InputEcho kind="date" value={localDate} />
          {fieldError('localDate')}
        </div>
        {(
          [
            { side: 'left', label: 'Left knee (0–10)', field: 'leftScore', value: leftScore, set: setLeftScore },
            { side: 'right', label: 'Right knee (0–10)', field: 'rightScore', value: rightScore, set: setRightScore },
          ] as const
        ).map((knee) => (
          <div className="field" key={knee.side}>
            <label htmlFor={`${id}-${knee.side}`}>{knee.label}</label>
            <input
              id={`${id}-${knee.side}`}
              className="score-input"
              type="number"
              inputMode="numeric"
              min={0}
              max={10}
              step={1}
              value={knee.value}
              onChange={(e) => knee.set(e.target.value)}
              {...invalid(knee.field, `${id}-score-hint`)}
            />
            {fieldError(knee.field)}
          </div>
        ))}
        <p className="hint checkin-hint" id={`${id}-score-hint`}>
          Score one knee or both: 0 is no pain, 10 the worst imaginable.
        </p>
      </div>
      <Segmented
        legend="When"
        name={`${id}-context`}
        options={checkinContexts}
        labels={checkinContextLabels}
        value={context}
        onChange={setContext}
      />
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes (optional)</label>
        <input
          id={`${id}-notes`}
          maxLength={2000}
          autoComplete="off"
          placeholder="e.g. stiff going down the stairs at work"
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          {...invalid('notes')}
        />
        {fieldError('notes')}
      </div>
      {formError}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : checkin ? 'Save changes' : 'Save check-in'}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
