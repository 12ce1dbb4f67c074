/**
 * The child of tests/db/killed-mid-write.test.ts: imports a batch of GPX files into a Stance
 * database, one transaction per file, and says on stdout when each is committed. The parent
 * kills it with SIGKILL at a random moment.
 *
 *   tsx tests/support/import-batch-child.ts DATABASE FILE...
 */
import fs from 'node:fs';
import path from 'node:path';
import { openStanceDatabase } from '../../src-main/db/open';
import { importGpxFile } from '../../src-main/import/importer';

async function main(): Promise<void> {
  const [databasePath, ...files] = process.argv.slice(2);
  if (!databasePath) throw new Error('usage: import-batch-child DATABASE FILE...');
  const db = await openStanceDatabase(databasePath, { backupsFolder: path.join(path.dirname(databasePath), 'backups') });
  process.stdout.write('ready\n');
  for (const file of files) {
    const outcome = await importGpxFile(db, { fileName: path.basename(file), source: fs.createReadStream(file), timeZone: 'UTC' }, new Date());
    process.stdout.write(`${outcome.status} ${path.basename(file)}\n`);
  }
  db.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
