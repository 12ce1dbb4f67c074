import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import type { BackupInfo, ExportFormat } from '../../../../src-main/shared/backups';
import { useChannel, useSave } from '../../api/hooks';
import { ConfirmDialog } from '../ConfirmDialog';
import { backupKindWords, backupWhen, fileSize, summariseCounts } from './backup-words';
import { leaveRestoreNote } from '../../restore-note';

type Status = { error: boolean; message: string; path?: string | undefined };


function StatusLine({ status }: { status: Status | undefined }): ReactNode {
  if (!status) return null;
  return (
    <p className={status.error ? 'form-error' : 'notice'} role={status.error ? 'alert' : 'status'}>
      {status.message}
      {status.path ? (
        <>
          {' '}
          <code>{status.path}</code>
        </>
      ) : null}
    </p>
  );
}

/**
 * Settings › Backups and your data: the backups (date, kind, size), back up now, open the
 * folder, restore any of them (after a confirmation; the current database is kept aside first,
 * so a restore can be undone), export as JSON or CSV, and import a Stance JSON export.
 */
export function BackupSettings() {
  const id = useId();
  const { data: overview, error: listError } = useChannel('backups:list');
  const [backupStatus, setBackupStatus] = useState<Status>();
  const [dataStatus, setDataStatus] = useState<Status>();
  const [restoring, setRestoring] = useState<BackupInfo>();
  const create = useSave('backups:create');
  const open = useSave('backups:openFolder');
  const exporter = useSave('data:export');
  const importer = useSave('data:importJson');
  const restorer = useSave('backups:restore');
  const busy = create.saving || open.saving || exporter.saving || importer.saving || restorer.saving;
  const refusal = (problem: { form?: string | undefined } | undefined): Status | undefined =>
    problem?.form ? { error: true, message: problem.form } : undefined;

  async function backUpNow() {
    const backup = await create.save(undefined);
    if (backup) setBackupStatus({ error: false, message: `Backed up (${fileSize(backup.sizeBytes)}), checked and saved as ${backup.name}.` });
  }

  async function openFolder(folder: 'backups' | 'exports', say: (status: Status) => void) {
    const opened = await open.save({ folder });
    if (opened && !opened.opened) say({ error: true, message: `Stance could not open the folder. It is at ${opened.folder}.` });
  }

  async function exportAs(format: ExportFormat) {
    const result = await exporter.save({ format });
    if (result) {
      setDataStatus({
        error: false,
        message: `Exported ${summariseCounts(result.counts)} ${format === 'json' ? 'to one JSON file' : 'as CSV files, one per table'}:`,
        path: result.path,
      });
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const summary = await importer.save({ fileName: file.name, bytes });
    if (!summary) return;
    const recognised = Object.values(summary.recognised).reduce((sum, count) => sum + count, 0);
    setDataStatus({
      error: false,
      message: `Imported ${file.name}: added ${summariseCounts(summary.added)}; ${recognised === 1 ? '1 record was' : `${recognised} records were`} already here and not added again. A backup from just before is in the Backups list.`,
    });
  }

  async function restore(backup: BackupInfo) {
    setRestoring(undefined);
    if (await restorer.save({ name: backup.name })) {
      leaveRestoreNote(
        `Restored the backup from ${backupWhen(backup.createdAt)}. Your database as it was just before is kept as “Before a restore (undo)”.`,
      );
      window.location.reload(); // every page reads the restored database afresh
    }
  }

  const backups = overview?.backups ?? [];
  const backupsShown = refusal(create.problem) ?? refusal(restorer.problem) ?? (listError ? { error: true, message: listError } : backupStatus);
  const dataShown = refusal(exporter.problem) ?? refusal(importer.problem) ?? dataStatus;
  return (
    <section className="card backups" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Backups</h2>
      <p>
        Stance backs up your database every day you use it, before every update and before every restore, and checks each copy before keeping it.
        It keeps a backup for each of the last 7 days, one a week for the 5 weeks before, and one a month for a year.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void backUpNow()} disabled={busy}>
          Back up now
        </button>
        <button type="button" onClick={() => void openFolder('backups', setBackupStatus)} disabled={busy}>
          Open backups folder
        </button>
      </div>
      <StatusLine status={backupsShown} />
      {backups.length > 0 ? (
        <table className="backup-list">
          <caption className="visually-hidden">Your backups, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Why</th>
              <th scope="col" className="number">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.name} data-testid="backup-row">
                <td>{backupWhen(backup.createdAt)}</td>
                <td>{backupKindWords[backup.kind]}</td>
                <td className="number">{fileSize(backup.sizeBytes)}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => setRestoring(backup)} disabled={busy} aria-label={`Restore the backup from ${backupWhen(backup.createdAt)}`}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : overview ? (
        <p className="muted">No backups yet. The first is made today; or back up now.</p>
      ) : null}

      <h3>Export and import</h3>
      <p className="muted">
        Everything you have logged, as one JSON file (complete: it can be imported back) or as CSV files for a spreadsheet (one per table; GPX tracks are only in the
        JSON file). Files go to the <em>exports</em> folder beside your database.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportAs('json')} disabled={busy}>
          Export everything (JSON)
        </button>
        <button type="button" onClick={() => void exportAs('csv')} disabled={busy}>
          Export for spreadsheets (CSV)
        </button>
        <button type="button" onClick={() => void openFolder('exports', setDataStatus)} disabled={busy}>
          Open exports folder
        </button>
      </div>
      <StatusLine status={dataShown} />
      <p className="muted import-note">
        Importing a Stance export adds what is not here yet: runs, check-ins and sessions already in your log are recognised and not added twice. A backup is taken first.
      </p>
      <div className="actions">
        <label className={`file-button${busy ? ' disabled' : ''}`}>
          Import a Stance export…
          <input type="file" accept=".json,application/json" onChange={(event) => void importFile(event)} disabled={busy} aria-label="Stance export file to import" />
        </label>
      </div>

      <ConfirmDialog
        open={restoring !== undefined}
        title="Restore this backup?"
        confirmLabel="Restore"
        onConfirm={() => restoring && void restore(restoring)}
        onCancel={() => setRestoring(undefined)}
      >
        {restoring ? (
          <>
            <p>
              Your log goes back to how it was on <strong>{backupWhen(restoring.createdAt)}</strong>. Anything logged since then is not in that backup.
            </p>
            <p>Your database as it is now is kept first as a backup (“Before a restore (undo)”), so you can undo this by restoring that one.</p>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
