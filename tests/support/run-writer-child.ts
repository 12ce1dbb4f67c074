/**
 * A second writer, for tests/db/two-writers.test.ts: opens the Stance database as the app
 * does and adds a run every few milliseconds, printing `ok K` once run K is committed (the
 * write the runner would see confirmed) or `refused K <message>` when it was refused. Stops
 * after COUNT runs.
 *
 *   node --import tsx tests/support/run-writer-child.ts DATABASE COUNT PAUSE_MS
 */
import path from 'node:path';
import { openStanceDatabase } from '../../src-main/db/open';
import { addRun } from '../../src-main/db/runs';

async function main(): Promise<void> {
  const [databasePath, countText, pauseText] = process.argv.slice(2);
  if (!databasePath) throw new Error('usage: run-writer-child DATABASE COUNT PAUSE_MS');
  const db = await openStanceDatabase(databasePath, { backupsFolder: path.join(path.dirname(databasePath), 'backups') });
  process.stdout.write('ready\n');
  for (let k = 0; k < Number(countText); k++) {
    try {
      addRun(
        db,
        { localDate: '2026-10-01', localTime: '07:00', timeZone: 'UTC', distanceMetres: 1000 + k, durationSeconds: 600, effort: null, surface: null, shoeId: null, notes: `writer-${k}` },
        new Date('2026-11-22T09:00:00Z'),
      );
      process.stdout.write(`ok ${k}\n`);
    } catch (error) {
      process.stdout.write(`refused ${k} ${(error as Error).message.replace(/\n/g, ' ')}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, Number(pauseText)));
  }
  db.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
