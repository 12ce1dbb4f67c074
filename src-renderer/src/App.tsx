import { useCallback, useEffect, useState } from 'react';
import { SettingsProvider, useSettings } from './settings-context';
import { TodayPage } from './pages/TodayPage';
import { RunsPage } from './pages/RunsPage';
import { StrengthPage } from './pages/StrengthPage';
import { PainPage } from './pages/PainPage';
import { InsightsPage } from './pages/InsightsPage';
import { SettingsPage } from './pages/SettingsPage';
import { ReportPage } from './pages/ReportPage';
import { ExperimentPage } from './pages/ExperimentPage';
import { RecoveryScreen } from './components/recovery/RecoveryScreen';
import { useChannel } from './api/hooks';
import { useStanceEvent } from './api/events';
import { pageLabel, pages, type PageId } from './api/pages';
import { NavigationContext, type Destination } from './navigation';
import { useAppliedTheme } from './theme';
import { takeRestoreNote } from './restore-note';

// The page list lives in api/pages.ts; re-exported for pages that still import it from here.
export { pages, type PageId };

export function App() {
  // A damaged database opens the recovery screen instead of the app (src-main/index.ts).
  const { data, error } = useChannel('backups:recovery', undefined, { live: false });
  useAppliedTheme('system');
  if (data === undefined && error === undefined) return null;
  if (data?.recovery) return <RecoveryScreen info={data.recovery} />;
  return (
    <SettingsProvider>
      <Shell />
    </SettingsProvider>
  );
}

function Shell() {
  const [destination, setDestination] = useState<Destination>({ page: 'today' });
  // Each navigation is a new visit, even to the same page: "Runs" on a run's page goes back to the list.
  const [visit, setVisit] = useState(0);
  // The sidebar label shown on hover (narrow windows) hides once its page is chosen, until the pointer leaves.
  const [justChosen, setJustChosen] = useState<PageId | null>(null);
  const { settings, loadError } = useSettings();
  const [restoreNote] = useState(takeRestoreNote);
  useAppliedTheme(settings?.theme ?? 'system');
  const page = destination.page;

  const navigate = useCallback((target: PageId | Destination) => {
    setDestination(typeof target === 'string' ? { page: target } : target);
    setVisit((count) => count + 1);
  }, []);
  useStanceEvent('navigate', navigate);

  useEffect(() => {
    document.title = `${pageLabel(page)} · Stance`;
  }, [page]);

  return (
    <NavigationContext.Provider value={{ navigate, destination }}>
      <div className="shell">
        <nav className="sidebar" aria-label="Sections">
          <div className="brand" aria-hidden="true">
            <span className="brand-mark">S</span> <span className="brand-name">Stance</span>
          </div>
          <ul>
            {pages.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  className={entry.id === page ? 'nav-item active' : 'nav-item'}
                  aria-current={entry.id === page ? 'page' : undefined}
                  data-just-chosen={justChosen === entry.id ? '' : undefined}
                  onClick={() => {
                    setJustChosen(entry.id);
                    navigate(entry.id);
                  }}
                  onMouseLeave={() => setJustChosen(null)}
                >
                  <span className="nav-icon" aria-hidden="true">
                    {entry.icon}
                  </span>
                  <span className="nav-label">{entry.label}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="sidebar-foot">Kept on this computer only.</p>
        </nav>
        <main className="content" id="content">
          {loadError ? (
            <div className="error-banner" role="alert">
              {loadError}
            </div>
          ) : !settings ? (
            <p className="muted" role="status">
              Opening your log…
            </p>
          ) : (
            <>
              {restoreNote && visit === 0 ? (
                <p className="notice shell-notice" role="status">
                  {restoreNote}
                </p>
              ) : null}
              <CurrentPage key={visit} page={page} />
            </>
          )}
        </main>
      </div>
    </NavigationContext.Provider>
  );
}

function CurrentPage({ page }: { page: PageId }) {
  switch (page) {
    case 'today':
      return <TodayPage />;
    case 'runs':
      return <RunsPage />;
    case 'strength':
      return <StrengthPage />;
    case 'pain':
      return <PainPage />;
    case 'insights':
      return <InsightsPage />;
    case 'experiment':
      return <ExperimentPage />;
    case 'report':
      return <ReportPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
