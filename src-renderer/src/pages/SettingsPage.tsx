import { useEffect, useId, useState } from 'react';
import type { AppInfo, DistanceUnit, WeekStartDay } from '../../../src-main/shared/domain';
import { messageOf, request } from '../api/client';
import { useLoadedSettings } from '../settings-context';
import { GlutePlanSettings } from '../components/settings/GlutePlanSettings';
import { ShoeSettings } from '../components/settings/ShoeSettings';
import { BackupSettings } from '../components/settings/BackupSettings';

const weekDayNames: Record<WeekStartDay, string> = { 0: 'Sunday', 1: 'Monday', 6: 'Saturday' };

export function SettingsPage() {
  const { units, weekStartsOn, update } = useLoadedSettings();
  const [info, setInfo] = useState<AppInfo>();
  const [status, setStatus] = useState<{ error: boolean; message: string }>();
  const id = useId();

  useEffect(() => {
    request('app:info').then(setInfo, (error: unknown) => setStatus({ error: true, message: messageOf(error) }));
  }, []);

  async function save(patch: { units?: DistanceUnit; weekStartsOn?: WeekStartDay }) {
    try {
      await update(patch);
      setStatus({ error: false, message: 'Saved.' });
    } catch (error) {
      setStatus({ error: true, message: messageOf(error) });
    }
  }

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
        </div>
      </header>

      <section className="card" aria-labelledby={`${id}-units`}>
        <h2 id={`${id}-units`}>Units and calendar</h2>
        <fieldset className="choice-row">
          <legend>Show distances in</legend>
          {(['mi', 'km'] as const).map((unit) => (
            <label key={unit} className="choice">
              <input type="radio" name="units" value={unit} checked={units === unit} onChange={() => void save({ units: unit })} />
              {unit === 'mi' ? 'Miles' : 'Kilometres'}
            </label>
          ))}
        </fieldset>
        <div className="field narrow">
          <label htmlFor={`${id}-week`}>First day of the week</label>
          <select
            id={`${id}-week`}
            value={weekStartsOn}
            onChange={(e) => void save({ weekStartsOn: Number(e.target.value) as WeekStartDay })}
          >
            {([1, 0, 6] as const).map((day) => (
              <option key={day} value={day}>
                {weekDayNames[day]}
              </option>
            ))}
          </select>
        </div>
        {status ? (
          <p className={status.error ? 'form-error' : 'notice'} role={status.error ? 'alert' : 'status'}>
            {status.message}
          </p>
        ) : null}
      </section>

      <GlutePlanSettings />
      <ShoeSettings />
      <BackupSettings />

      <section className="card" aria-labelledby={`${id}-data`}>
        <h2 id={`${id}-data`}>Your data</h2>
        <p>Everything you log stays in one database file on this computer. Stance never sends anything anywhere.</p>
        {info ? (
          <dl className="facts">
            <dt>Database file</dt>
            <dd>
              <code>{info.databasePath}</code>
            </dd>
            <dt>Stance version</dt>
            <dd>
              {info.version} (database schema {info.schemaVersion})
            </dd>
          </dl>
        ) : null}
      </section>
    </div>
  );
}
