import type { PageId } from '../App';
import { EmptyState } from '../components/EmptyState';

export function PainPage({ navigate }: { navigate: (page: PageId) => void }) {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Pain</h1>
        </div>
      </header>
      <EmptyState
        title="No pain recorded yet"
        action={
          <button type="button" className="primary" onClick={() => navigate('runs')}>
            Go to Runs
          </button>
        }
      >
        <p>After a run, note whether your knee hurt: how far in it started, where (the outside of the knee, the front, the hip), which side and how bad. A run without pain counts too — it shows how far you got pain-free. Daily check-ins record how the knee feels on stairs, sitting or first thing in the morning.</p>
        <p className="muted">Pain logging arrives in the next version of Stance. For now, log your runs so they are ready for it.</p>
      </EmptyState>
    </div>
  );
}
