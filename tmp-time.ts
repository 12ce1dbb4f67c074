import { runScenario, scenarios } from './scripts/prove-insights';
const c = process.cpuUsage(); const r = runScenario(scenarios[4]!, 10, 9); const u = process.cpuUsage(c); console.log((u.user + u.system) / 1000 / 10, 'cpu ms per year', r.claims);
