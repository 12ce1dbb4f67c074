import { InputEcho } from '../InputEcho';
import { useId, useState, type FormEvent } from 'react';
import type { ImportOutcomeView } from '../../../../src-main/shared/import';
import { needsStartTime } from '../../../../src-main/shared/import-formats';
import { parseDuration } from '../../../../src-main/shared/units';
import { messageOf } from '../../api/client';
import type { ImportAgainOptions } from '../../api/import-job';
import { todayLocalDate } from '../../local-clock';

/** What the window says before importing a file without times; afterwards it and the run page say UNTIMED_RUN_SUMMARY. */
const UNTIMED_RUN_WORDS =
  'Stance will store its distance, and an average pace from the duration you give; it will have no splits, no pace chart and no moving time.';

/**
 * For a file without usable times (outcome code 'needs-start-time'): the runner says when it was
 * and how long it took, and the file is imported again with that (`importAgain`, through the
 * import channels). Shown in ActivityImport's summary, beside the file that needs it.
 */
export function GiveDate({ file, importAgain }: { file: File; importAgain: (options: ImportAgainOptions) => Promise<ImportOutcomeView[]> }) {
  const id = useId();
  const [date, setDate] = useState(todayLocalDate());
  const [time, setTime] = useState('07:00');
  const [duration, setDuration] = useState('');
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (duration.trim() === '') {
      setProblem('Give how long the run took, as h:mm:ss (1:02:30) or mm:ss (48:15): every run in Stance has a duration.');
      return;
    }
    const durationSeconds = parseDuration(duration);
    if (durationSeconds === null) {
      setProblem('Give the duration as h:mm:ss (1:02:30) or mm:ss (48:15).');
      return;
    }
    try {
      const outcomes = await importAgain({ startLocalDate: date, startLocalTime: time, durationSeconds });
      const stillRefused = outcomes.find(needsStartTime);
      setProblem(stillRefused?.reason ?? undefined);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  return (
    <form className="give-date" onSubmit={submit} aria-label={`When was the run in ${file.name}?`} noValidate>
      <p className="give-date-note">Give the date, start time and duration of the run without times. {UNTIMED_RUN_WORDS}</p>
      <div className="field">
        <label htmlFor={`${id}-date`}>Date</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <InputEcho kind="date" value={date} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-time`}>Start time</label>
        <input id={`${id}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        <InputEcho kind="time" value={time} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-duration`}>Duration (h:mm:ss)</label>
        <input id={`${id}-duration`} value={duration} inputMode="numeric" onChange={(e) => setDuration(e.target.value)} />
      </div>
      <button type="submit">Import with this date</button>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
