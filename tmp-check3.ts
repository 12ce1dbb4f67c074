import { computeInsights } from './src-main/analysis/insights';
import { exampleHistory } from './src-main/analysis/example-history';
import { defaultInsightsFilters } from './src-main/shared/insights';
const h = exampleHistory('2026-11-21');
for (let k = 0; k < 200; k++) { const t = performance.now(); computeInsights(h, defaultInsightsFilters, 1); console.log('ms', (performance.now() - t).toFixed(1)); }
