import { useNavigate } from '../../navigation';

/** The way from the (observational) Insights to the experiment, which can answer by a coin. */
export function ExperimentLink() {
  const navigate = useNavigate();
  return (
    <div className="quick-actions">
      <button type="button" onClick={() => navigate('experiment')}>
        Test it on yourself: an experiment
      </button>
    </div>
  );
}
