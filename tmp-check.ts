import { computeInsights } from './src-main/analysis/insights';
import { exampleHistory, generateHistory, toInsightsHistory } from './src-main/analysis/example-history';
import { defaultInsightsFilters } from './src-main/shared/insights';
const h = exampleHistory('2026-11-21');
let t = performance.now();
const i = computeInsights(h, defaultInsightsFilters, 1);
console.log('ms', performance.now() - t);
console.log(i.verdict, i.counts, JSON.stringify(i.model, null, 0));
const ten = toInsightsHistory(generateHistory({ endDate: '2026-11-20', days: 3650, runsPerWeek: 7, seed: 10 }));
for (let k = 0; k < 3; k++) { t = performance.now(); const r = computeInsights(ten, defaultInsightsFilters, 1); console.log('10y ms', performance.now() - t, r.verdict, r.model.exposure?.hazardRatio); }
t = performance.now(); const all = computeInsights(ten, { ...defaultInsightsFilters, fromDate: '2016-01-01' }, 1); console.log('10y all ms', performance.now() - t, all.verdict, all.model.exposure, all.model.permutation);
