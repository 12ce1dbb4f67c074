import { useState } from 'react';
import type { BackupInfo, RecoveryInfo } from '../../../../src-main/shared/backups';
import { useSave } from '../../api/hooks';
import { ConfirmDialog } from '../ConfirmDialog';
import { backupKindWords, backupWhen, fileSize } from '../settings/backup-words';

/**
 * Shown instead of the app when Stance's database could not be opened (damaged, half-written,
 * not Stance's). Nothing is written to that file; the screen offers the newest backup that
 * passes its integrity check, says what will be lost, and restores it after a confirmation.
 */
export function RecoveryScreen({ info }: { info: RecoveryInfo }) {
  const [chosen, setChosen] = useState<BackupInfo>();
  const [notOpened, setNotOpened] = useState<string>();
  const [showAll, setShowAll] = useState(false);
  const restorer = useSave('backups:restore');
  const opener = useSave('backups:openFolder');
  const busy = restorer.saving;
  const error = restorer.problem?.form ?? opener.problem?.form ?? notOpened;

  async function restore(backup: BackupInfo) {
    setChosen(undefined);
    if (await restorer.save({ name: backup.name })) window.location.reload();
  }

  async function openFolder() {
    const opened = await opener.save({ folder: 'backups' });
    if (opened && !opened.opened) setNotOpened(`Stance could not open the folder. It is at ${opened.folder}.`);
  }

  const others = info.backups.filter((backup) => backup.name !== info.offer?.name);
  return (
    <main className="recovery" aria-labelledby="recovery-title">
      <div className="recovery-card">
        <p className="recovery-mark" aria-hidden="true">
          !
        </p>
        <h1 id="recovery-title">Stance’s database is damaged</h1>
        <p>
          Stance found a problem in your database when it opened, so it has not changed it in any way. You can carry on from a backup.
        </p>
        <details>
          <summary>What Stance found</summary>
          <p className="muted">{info.problem}</p>
          <p className="muted">
            Database: <code>{info.databasePath}</code>
          </p>
        </details>

        {info.offer ? (
          <section className="recovery-offer" aria-labelledby="offer-title">
            <h2 id="offer-title">Newest good backup</h2>
            <p className="offer-when">
              {backupWhen(info.offer.createdAt)} <span className="muted">· {backupKindWords[info.offer.kind]} · {fileSize(info.offer.sizeBytes)} · checked: intact</span>
            </p>
            <p className="warning-line">Changes since {backupWhen(info.offer.createdAt)} will be lost.</p>
            <p className="muted">The damaged file is moved aside, untouched, beside your database (not deleted).</p>
            <div className="actions">
              <button type="button" className="primary" onClick={() => setChosen(info.offer!)} disabled={busy}>
                Restore this backup
              </button>
              <button type="button" onClick={() => void openFolder()} disabled={busy}>
                Open backups folder
              </button>
            </div>
          </section>
        ) : (
          <section className="recovery-offer" aria-labelledby="offer-title">
            <h2 id="offer-title">No good backup found</h2>
            <p>
              There is no backup that passes its check in <code>{info.backupsFolder}</code>. Keep the damaged file: it may still be saved with SQLite’s own tools. Quit Stance
              and copy it somewhere safe before anything else.
            </p>
            <div className="actions">
              <button type="button" onClick={() => void openFolder()}>
                Open backups folder
              </button>
            </div>
          </section>
        )}

        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {busy ? (
          <p className="notice" role="status">
            Restoring…
          </p>
        ) : null}

        {others.length > 0 ? (
          <div className="recovery-others">
            <button type="button" className="link" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
              {showAll ? 'Hide older backups' : `Choose another backup (${others.length})`}
            </button>
            {showAll ? (
              <ul>
                {others.map((backup) => (
                  <li key={backup.name}>
                    <span>
                      {backupWhen(backup.createdAt)} <span className="muted">· {backupKindWords[backup.kind]} · {fileSize(backup.sizeBytes)}</span>
                    </span>
                    <button type="button" className="small" onClick={() => setChosen(backup)} disabled={busy}>
                      Restore…
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      <ConfirmDialog open={chosen !== undefined} title="Restore this backup?" confirmLabel="Restore" onConfirm={() => chosen && void restore(chosen)} onCancel={() => setChosen(undefined)}>
        {chosen ? (
          <p>
            Stance carries on from the backup of <strong>{backupWhen(chosen.createdAt)}</strong>. Changes since then will be lost. The damaged file is kept aside, untouched.
          </p>
        ) : null}
      </ConfirmDialog>
    </main>
  );
}
