import { computeInsights } from './src-main/analysis/insights';
import { exampleHistory } from './src-main/analysis/example-history';
import { runExposures } from './src-main/analysis/exposure';
import { gluteCalendar, weekShiftTest, modelRuns } from './src-main/analysis/primary-model';
import { defaultInsightsFilters } from './src-main/shared/insights';
const h = exampleHistory('2026-11-21');
const ex = runExposures(h, { ...defaultInsightsFilters });
const runs = modelRuns(ex.runs);
const hist: Record<number, number> = {};
for (const r of runs) hist[Math.min(7, r.daysSinceGluteSession!)] = (hist[Math.min(7, r.daysSinceGluteSession!)] ?? 0) + 1;
console.log(hist);
// direct score with weights 1
const xs = runs.map(r => Math.min(7, r.daysSinceGluteSession!) / 7);
let U = 0;
for (let i = 0; i < runs.length; i++) if (runs[i]!.pain) { const t = runs[i]!.outcomeMetres; let s0 = 0, s1 = 0; for (let j = 0; j < runs.length; j++) if (runs[j]!.outcomeMetres >= t) { s0++; s1 += xs[j]!; } U += xs[i]! - s1 / s0; }
console.log('direct U', U);
console.log(weekShiftTest(runs, gluteCalendar(h.gluteSessionDates, h.beforeRunSessionDates)));
