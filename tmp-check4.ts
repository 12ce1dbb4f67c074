import { computeInsights } from './src-main/analysis/insights';
import { generateHistory, toInsightsHistory } from './src-main/analysis/example-history';
import { defaultInsightsFilters } from './src-main/shared/insights';
for (const hr of [2, 3, 5]) for (const seed of [2, 3]) {
const h = toInsightsHistory(generateHistory({ endDate: '2026-11-20', seed, hazardRatio: hr }));
const i = computeInsights(h, defaultInsightsFilters, 1);
console.log(hr, seed, i.verdict, i.model.exposure?.hazardRatio.toFixed(2), i.model.exposure?.lower.toFixed(2), i.model.permutation, i.model.sequential.looks.map(l => l.z?.toFixed(2)).join(' '));
}
