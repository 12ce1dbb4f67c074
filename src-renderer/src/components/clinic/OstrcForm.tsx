import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ostrcQuestions, OSTRC_SOURCE, type OstrcAnswerScore, type OstrcWeek } from '../../../../src-main/shared/ostrc';
import { useSave } from '../../api/hooks';
import { formatLocalDate } from '../../local-clock';
import { Segmented } from '../pain/Segmented';

const fields = ['q1', 'q2', 'q3', 'q4', 'weekStart'] as const;
type Choice = '0' | '8' | '17' | '25';
const choices: readonly Choice[] = ['0', '8', '17', '25'];

interface Props {
  /** The first day of the week asked about (the runner's week start). */
  weekStart: string;
  /** That week's answers, when changing them. */
  answered?: OstrcWeek | null;
  onSaved: (week: OstrcWeek) => void;
  onCancel: () => void;
}

const toChoice = (score: OstrcAnswerScore | null | undefined): Choice | '' => (score === null || score === undefined ? '' : (String(score) as Choice));

/**
 * The weekly knee check: the four OSTRC-O2 questions about the past 7 days. The first is the
 * gatekeeper: "Full participation without knee problems" ends it (the others are not asked).
 */
export function OstrcForm({ weekStart, answered, onSaved, onCancel }: Props) {
  const id = useId();
  const [answers, setAnswers] = useState<(Choice | '')[]>([toChoice(answered?.q1), toChoice(answered?.q2), toChoice(answered?.q3), toChoice(answered?.q4)]);
  const { save, saving, fieldError, formError, refuse } = useSave('ostrc:save', { fields });
  const gatekeeperClosed = answers[0] === '0';
  const form = useRef<HTMLFormElement>(null);

  // Focus lands in the form, on the first question's answer (the one given, when changing them).
  useEffect(() => {
    const first = form.current?.querySelector<HTMLInputElement>('fieldset input[type="radio"]:checked') ?? form.current?.querySelector<HTMLInputElement>('fieldset input[type="radio"]');
    first?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const asked = gatekeeperClosed ? [answers[0]] : answers;
    const missing = asked.findIndex((answer) => answer === '');
    if (missing !== -1) {
      refuse({ fields: { [fields[missing]!]: missing === 0 ? 'Pick the answer that fits your week.' : `Answer question ${missing + 1} too.` } });
      return;
    }
    const score = (index: number) => (gatekeeperClosed ? null : (Number(answers[index]) as OstrcAnswerScore));
    const saved = await save({ weekStart, q1: Number(answers[0]) as OstrcAnswerScore, q2: score(1), q3: score(2), q4: score(3) });
    if (saved) onSaved(saved);
  }

  return (
    <form ref={form} className="card form ostrc-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Weekly knee check</h2>
      <p className="muted">
        About the past 7 days (week of {formatLocalDate(weekStart, false)}). Running counts as your training. Questions from the {OSTRC_SOURCE}.
      </p>
      {ostrcQuestions.map((question, index) =>
        index > 0 && gatekeeperClosed ? null : (
          <div key={question.number} className="ostrc-question">
            <Segmented
              legend={`${question.number}. ${question.text}`}
              name={`${id}-q${question.number}`}
              className="segmented-stacked"
              options={choices}
              labels={{ '0': question.answers[0], '8': question.answers[1], '17': question.answers[2], '25': question.answers[3] }}
              value={answers[index]!}
              onChange={(value) => setAnswers((current) => current.map((answer, k) => (k === index ? value : answer)))}
            />
            {fieldError(fields[index]!)}
          </div>
        ),
      )}
      {gatekeeperClosed ? <p className="hint">No knee problems this week: the other questions are not asked.</p> : null}
      {fieldError('weekStart')}
      {formError}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save this week’s check'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
