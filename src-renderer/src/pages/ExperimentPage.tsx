import { useState } from 'react';
import { useChannel, useSave } from '../api/hooks';
import { ExperimentSetupForm } from '../components/experiment/ExperimentSetupForm';
import { ExperimentResultView } from '../components/experiment/ExperimentResultView';
import { lengthWords } from '../components/experiment/experiment-words';
import { formatInstant, formatLocalDate } from '../local-clock';
import { useLoadedSettings } from '../settings-context';
import { useResolvedTheme } from '../theme';
import '../components/experiment/experiment.css';

/**
 * The randomised experiment (reachable from Insights and the sidebar): set up and fix a protocol,
 * follow the running one, stop it early with a reason, and read any experiment's result.
 */
export function ExperimentPage() {
  const { units, theme: themeChoice } = useLoadedSettings();
  const theme = useResolvedTheme(themeChoice);
  const { data: setup, error } = useChannel('experiment:setup');
  const [shown, setShown] = useState<number | null>(null);
  const [settingUp, setSettingUp] = useState(false);
  // The experiment shown: the one chosen, else the running one, else the latest.
  const protocolId = shown ?? setup?.active?.id ?? setup?.past[0]?.id ?? null;
  const result = useChannel('experiment:result', { protocolId: protocolId ?? 1 }, { skip: protocolId === null || settingUp });
  const stop = useSave('experiment:stop', { fields: ['reason'] as const });
  const [reason, setReason] = useState('');
  const [stopping, setStopping] = useState(false);

  return (
    <div className="page experiment-page">
      <header className="page-header">
        <div>
          <h1>Experiment: activation before your runs</h1>
          <p className="muted">A coin decides before each run whether you do the activation routine first. Then the difference is the routine’s, not the weather’s.</p>
        </div>
        {setup && setup.active === null && !settingUp ? (
          <div className="quick-actions">
            <button type="button" className="primary" onClick={() => setSettingUp(true)}>
              Set up an experiment
            </button>
          </div>
        ) : null}
      </header>
      {error ? (
        <p className="error-banner" role="alert">
          {error}
        </p>
      ) : null}

      {setup && settingUp && setup.active === null ? (
        <ExperimentSetupForm
          setup={setup}
          onFixed={(id) => {
            setSettingUp(false);
            setShown(id);
          }}
        />
      ) : null}

      {setup && !settingUp && setup.active === null && setup.past.length === 0 ? (
        <section className="card">
          <p>No experiment yet. Set one up: the app assigns each run, you follow it, and after enough painful runs it tells you whether activation before a run puts the pain off.</p>
        </section>
      ) : null}

      {setup?.active && !settingUp ? (
        <section className="card experiment-running" aria-labelledby="running-heading">
          <h2 id="running-heading">Your experiment is running</h2>
          <p>
            Fixed {formatInstant(setup.active.fixedAt)}: {lengthWords(setup.active.contents.length)} from {formatLocalDate(setup.active.contents.startDate)}. Today shows what to do
            before each run.
          </p>
          {!stopping ? (
            <button type="button" onClick={() => setStopping(true)}>
              Stop early…
            </button>
          ) : (
            <form
              className="experiment-stop"
              onSubmit={async (event) => {
                event.preventDefault();
                if (await stop.save({ protocolId: setup.active!.id, reason })) setStopping(false);
              }}
            >
              <label>
                Why do you stop? (recorded with the experiment){' '}
                <input type="text" value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} {...stop.invalid('reason')} />
              </label>
              {stop.fieldError('reason')}
              {stop.formError}
              <div className="form-actions">
                <button type="submit" className="danger" disabled={stop.saving}>
                  Stop the experiment
                </button>
                <button type="button" onClick={() => setStopping(false)}>
                  Keep going
                </button>
              </div>
            </form>
          )}
        </section>
      ) : null}

      {!settingUp && result.data ? <ExperimentResultView result={result.data} units={units} theme={theme} /> : null}
      {!settingUp && result.error ? (
        <p className="error-banner" role="alert">
          {result.error}
        </p>
      ) : null}

      {setup && setup.past.length > 0 && !settingUp ? (
        <section className="card" aria-labelledby="past-heading">
          <h2 id="past-heading">Earlier experiments</h2>
          <ul className="experiment-list">
            {setup.past.map((protocol) => (
              <li key={protocol.id}>
                Fixed {formatLocalDate(protocol.fixedAt.slice(0, 10))}, {lengthWords(protocol.contents.length)}
                {protocol.stoppedAt ? ` — stopped early: ${protocol.stopReason}` : ''}{' '}
                <button type="button" className="link" onClick={() => setShown(protocol.id)} aria-pressed={protocolId === protocol.id}>
                  See its result
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
