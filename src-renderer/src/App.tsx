import { useEffect, useState } from 'react';
import { SettingsProvider, useSettings } from './settings-context';
import { TodayPage } from './pages/TodayPage';
import { RunsPage } from './pages/RunsPage';
import { StrengthPage } from './pages/StrengthPage';
import { PainPage } from './pages/PainPage';
import { InsightsPage } from './pages/InsightsPage';
import { SettingsPage } from './pages/SettingsPage';
import { RecoveryScreen } from './components/recovery/RecoveryScreen';
import type { RecoveryInfo } from '../../src-main/shared/backups';
import { request } from './api/client';

export const pages = [
  { id: 'today', label: 'Today', icon: '◎' },
  { id: 'runs', label: 'Runs', icon: '↗' },
  { id: 'strength', label: 'Strength', icon: '▲' },
  { id: 'pain', label: 'Pain', icon: '✚' },
  { id: 'insights', label: 'Insights', icon: '◔' },
  { id: 'settings', label: 'Settings', icon: '⚙' },
] as const;

export type PageId = (typeof pages)[number]['id'];

function isPageId(value: string): value is PageId {
  return pages.some((page) => page.id === value);
}

export function App() {
  // A damaged database opens the recovery screen instead of the app (src-main/index.ts).
  const [recovery, setRecovery] = useState<RecoveryInfo | null>();
  useEffect(() => {
    request('backups:recovery').then(
      (answer) => setRecovery(answer.recovery),
      () => setRecovery(null), // the shell shows its own error if the database cannot be reached
    );
  }, []);
  if (recovery === undefined) return null;
  if (recovery) return <RecoveryScreen info={recovery} />;
  return (
    <SettingsProvider>
      <Shell />
    </SettingsProvider>
  );
}

function Shell() {
  const [page, setPage] = useState<PageId>('today');
  const { settings, loadError } = useSettings();

  useEffect(() => window.stance.on('navigate', (target) => isPageId(target) && setPage(target)), []);

  useEffect(() => {
    const label = pages.find((p) => p.id === page)?.label ?? '';
    document.title = `${label} · Stance`;
  }, [page]);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">S</span> Stance
        </div>
        <ul>
          {pages.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                className={entry.id === page ? 'nav-item active' : 'nav-item'}
                aria-current={entry.id === page ? 'page' : undefined}
                onClick={() => setPage(entry.id)}
              >
                <span className="nav-icon" aria-hidden="true">
                  {entry.icon}
                </span>
                {entry.label}
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
          <CurrentPage page={page} navigate={setPage} />
        )}
      </main>
    </div>
  );
}

function CurrentPage({ page, navigate }: { page: PageId; navigate: (page: PageId) => void }) {
  switch (page) {
    case 'today':
      return <TodayPage navigate={navigate} />;
    case 'runs':
      return <RunsPage />;
    case 'strength':
      return <StrengthPage navigate={navigate} />;
    case 'pain':
      return <PainPage navigate={navigate} />;
    case 'insights':
      return <InsightsPage navigate={navigate} />;
    case 'settings':
      return <SettingsPage />;
  }
}
