import type { PageId } from '../App';
import { EmptyState } from '../components/EmptyState';

export function InsightsPage({ navigate }: { navigate: (page: PageId) => void }) {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Insights</h1>
        </div>
      </header>
      <EmptyState
        title="Nothing to analyse yet"
        action={
          <button type="button" className="primary" onClick={() => navigate('runs')}>
            Go to Runs
          </button>
        }
      >
        <p>Once you have logged runs with their knee pain and your glute sessions, this page shows whether the pain comes on earlier in a run after you skipped glute work — with the uncertainty shown, and a plain warning when there is too little data to tell.</p>
        <p className="muted">Log your runs to get started.</p>
      </EmptyState>
    </div>
  );
}
