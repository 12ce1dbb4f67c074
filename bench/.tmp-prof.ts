import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { openStanceDatabase } from '../src-main/db/open';
import { TEN_YEARS, writeGeneratedHistory } from '../tests/support/history';
import { writeHistoryTracks } from '../tests/support/history-tracks';
import { decodeStreams } from '../src-main/track/streams-codec';
import { beforePain } from '../src-main/track/before-pain';
import { inflateRawSync } from 'node:zlib';
(async () => {
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-prof-'));
const db = await openStanceDatabase(path.join(folder, 's.sqlite'), { backupsFolder: path.join(folder, 'b') });
writeGeneratedHistory(db, TEN_YEARS, { totalStrengthSessions: 1500 });
writeHistoryTracks(db, { seed: 10 });
const cpu = (f: () => unknown) => { const c = process.cpuUsage(); const r = f(); const u = process.cpuUsage(c); console.log(((u.user+u.system)/1000).toFixed(0)); return r; };
for (let k = 0; k < 2; k++) {
const rows = cpu(() => db.prepare(`SELECT runs.id AS runId, MIN(run_pain.onset_m) AS onset, run_tracks.streams AS streams FROM runs JOIN run_pain ON run_pain.run_id = runs.id JOIN run_tracks ON run_tracks.run_id = runs.id GROUP BY runs.id ORDER BY runs.local_date, runs.local_time, runs.id`).all()) as any[];
cpu(() => rows.map((r) => inflateRawSync(r.streams.subarray(4))));
const dec = cpu(() => rows.map((r) => decodeStreams(r.streams)));
cpu(() => rows.map((r, i) => beforePain(r.runId, dec[i], r.onset)));
}
fs.rmSync(folder, { recursive: true });
})();
