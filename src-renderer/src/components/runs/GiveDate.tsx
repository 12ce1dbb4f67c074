import { InputEcho } from '../InputEcho';
import { useId, useState, type FormEvent } from 'react';
import type { GpxImportResult } from '../../../../src-main/shared/track';
import { parseDuration } from '../../../../src-main/shared/units';
import { messageOf, request } from '../../api/client';
import { systemTimeZone, todayLocalDate } from '../../local-clock';

/** Refusals the runner can fix by saying when the run was and how long it took (outcome codes, and the file's refusal reasons). */
export const NEEDS_DATE = new Set(['needs-start-time', 'no-times', 'times-unusable', 'no-duration']);

/** What the window says before importing a file without times; afterwards it and the run page say UNTIMED_RUN_SUMMARY. */
const UNTIMED_RUN_WORDS =
  'Stance will store its distance, and an average pace from the duration you give; it will have no splits, no pace chart and no moving time.';

/** For a file without usable times: the runner says when it was and how long it took (in ActivityImport's summary, beside the file that needs it). */
export function GiveDate({ file, onResult }: { file: File; onResult: (result: GpxImportResult) => void }) {
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
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await request('runs:importGpx', {
        fileName: file.name,
        bytes,
        timeZone: systemTimeZone(),
        startLocalDate: date,
        startLocalTime: time,
        durationSeconds,
      });
      const stillRefused = result.recordings.find((recording) => recording.status === 'refused' && NEEDS_DATE.has(recording.refusal));
      if (stillRefused?.status === 'refused') setProblem(stillRefused.reason);
      else onResult(result);
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
