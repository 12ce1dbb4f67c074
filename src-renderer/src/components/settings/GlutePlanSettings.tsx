import { InputEcho } from '../InputEcho';
import { useId, useState, type FormEvent } from 'react';
import type { GlutePlan, GlutePlanKind } from '../../../../src-main/shared/domain';
import { useChannel, useSave } from '../../api/hooks';
import { formatLocalDate, todayLocalDate } from '../../local-clock';
import { describePlan } from '../../pages/TodayPage';

/** The glute plan: what the runner means to do, from a date; earlier plans stay in the history. */
export function GlutePlanSettings() {
  const id = useId();
  const { data: history, error: loadError } = useChannel('plan:history');
  const setPlan = useSave('plan:set');
  const deletePlan = useSave('plan:delete');
  const [kind, setKind] = useState<GlutePlanKind>('per_week');
  const [count, setCount] = useState('3');
  const [effectiveFrom, setEffectiveFrom] = useState(todayLocalDate());
  const [saved, setSaved] = useState<string>();
  const refusal = setPlan.problem?.form ?? Object.values(setPlan.problem?.fields ?? {})[0] ?? deletePlan.problem?.form ?? loadError;
  const status = refusal ? { error: true, message: String(refusal) } : saved ? { error: false, message: saved } : undefined;

  async function save(event: FormEvent) {
    event.preventDefault();
    const number = Number(count);
    setSaved(undefined);
    const plans = await setPlan.save({
      effectiveFrom,
      kind,
      ...(kind === 'per_week' ? { sessionsPerWeek: number } : { everyNDays: number }),
    });
    if (plans) setSaved(`Saved: glute or hip work ${describePlan({ kind, sessionsPerWeek: number, everyNDays: number })} from ${formatLocalDate(effectiveFrom)}.`);
  }

  async function remove(plan: GlutePlan) {
    setSaved(undefined);
    if (await deletePlan.save({ id: plan.id })) setSaved(`Removed the plan from ${formatLocalDate(plan.effectiveFrom)}.`);
  }

  const current = history?.filter((plan) => plan.effectiveFrom <= todayLocalDate()).at(-1);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Glute plan</h2>
      <p>
        How often you mean to do glute or hip work. Stance judges each run against the plan that was in force before it, so
        changing the plan keeps your history honest.
      </p>
      {current ? (
        <p data-testid="current-plan">
          <strong>Now:</strong> {describePlan(current)}, since {formatLocalDate(current.effectiveFrom)}.
        </p>
      ) : (
        <p className="muted">No plan yet.</p>
      )}
      <form className="plan-form" onSubmit={save} aria-label="Set a glute plan" noValidate>
        <fieldset className="choice-row">
          <legend>I mean to do glute or hip work</legend>
          <label className="choice">
            <input type="radio" name={`${id}-kind`} checked={kind === 'per_week'} onChange={() => setKind('per_week')} />
            times a week
          </label>
          <label className="choice">
            <input type="radio" name={`${id}-kind`} checked={kind === 'every_n_days'} onChange={() => setKind('every_n_days')} />
            every N days
          </label>
        </fieldset>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-count`}>{kind === 'per_week' ? 'Sessions a week' : 'Every how many days'}</label>
            <input id={`${id}-count`} type="number" min={1} max={kind === 'per_week' ? 14 : 30} value={count} onChange={(e) => setCount(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>Starting</label>
            <input id={`${id}-from`} type="date" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
            <InputEcho kind="date" value={effectiveFrom} />
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Save plan
          </button>
        </div>
      </form>
      {status ? (
        <p className={status.error ? 'form-error' : 'notice'} role={status.error ? 'alert' : 'status'}>
          {status.message}
        </p>
      ) : null}
      {history && history.length > 0 ? (
        <table className="plan-history">
          <caption>Plan history</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Plan</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((plan) => (
              <tr key={plan.id} data-testid="plan-row">
                <td>{formatLocalDate(plan.effectiveFrom)}</td>
                <td>Glute or hip work {describePlan(plan)}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => void remove(plan)} aria-label={`Remove the plan from ${formatLocalDate(plan.effectiveFrom)}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
