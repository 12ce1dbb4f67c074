import { addDays } from '../../../../src-main/shared/calendar';
import { OSTRC_SOURCE } from '../../../../src-main/shared/ostrc';
import { useChannel } from '../../api/hooks';
import { OstrcTrend, weeksWithGaps } from './OstrcTrend';
import './clinic.css';

/** The weekly knee check's severity over the last 12 weeks, substantial weeks marked; nothing until one is answered. */
export function KneeCheckTrend() {
  const clinic = useChannel('clinic:today').data;
  const fromWeek = clinic ? addDays(clinic.weekStart, -7 * 11) : undefined;
  const answered = useChannel('ostrc:list', { fromWeek: fromWeek ?? '1970-01-01' }, { skip: fromWeek === undefined }).data;
  if (!clinic || !answered || answered.length === 0) return null;
  return (
    <section className="card chart-card" aria-labelledby="knee-check-trend">
      <h2 id="knee-check-trend">Weekly knee check: the last 12 weeks</h2>
      <OstrcTrend title="Knee check severity by week" weeks={weeksWithGaps(answered, fromWeek!, clinic.weekStart, addDays)} />
      <p className="hint">A picture of your answers to the {OSTRC_SOURCE}. Answer it on Today once a week.</p>
    </section>
  );
}
