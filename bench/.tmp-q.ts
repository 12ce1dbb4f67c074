import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { openStanceDatabase } from '../src-main/db/open';
import { TEN_YEARS, writeGeneratedHistory } from '../tests/support/history';
import { writeHistoryTracks } from '../tests/support/history-tracks';
import { decodeStreams, decodeProfile } from '../src-main/track/streams-codec';
(async () => {
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-q-'));
const db = await openStanceDatabase(path.join(folder, 's.sqlite'), { backupsFolder: path.join(folder, 'b') });
writeGeneratedHistory(db, TEN_YEARS, { totalStrengthSessions: 1500 });
writeHistoryTracks(db, { seed: 10 });
const cpu = (name: string, f: () => unknown) => { const c = process.cpuUsage(); const r = f(); const u = process.cpuUsage(c); console.log(name, ((u.user+u.system)/1000).toFixed(1)); return r; };
const q = `SELECT runs.id AS runId, runs.local_date AS localDate, runs.distance_m AS distanceMetres, MIN(run_pain.onset_m) AS onset, run_tracks.points_sha256 AS pointsSha256, run_tracks.point_count AS pointCount FROM runs JOIN run_pain ON run_pain.run_id = runs.id JOIN run_tracks ON run_tracks.run_id = runs.id GROUP BY runs.id ORDER BY runs.local_date, runs.local_time, runs.id`;
console.log(db.prepare('EXPLAIN QUERY PLAN ' + q).all().map((r: any) => r.detail).join('\n'));
for (let k = 0; k < 3; k++) cpu('keys', () => db.prepare(q).all());
const blobs = db.prepare('SELECT streams FROM run_tracks').pluck().all() as Buffer[];

fs.rmSync(folder, { recursive: true });
})();
