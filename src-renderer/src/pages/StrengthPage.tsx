import type { PageId } from '../App';
import { EmptyState } from '../components/EmptyState';

export function StrengthPage({ navigate }: { navigate: (page: PageId) => void }) {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Strength</h1>
        </div>
      </header>
      <EmptyState
        title="No strength sessions yet"
        action={
          <button type="button" className="primary" onClick={() => navigate('runs')}>
            Go to Runs
          </button>
        }
      >
        <p>Log your glute and hip work here: glute bridges, lateral band walks, banded single-leg squats, clamshells and the rest. Each session counts towards your glute plan, and the Insights compare runs after on-plan weeks with runs after skipped ones.</p>
        <p className="muted">Strength sessions are on their way in the next version of Stance. For now, start by logging your runs.</p>
      </EmptyState>
    </div>
  );
}
