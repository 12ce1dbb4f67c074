/**
 * "You already logged a 5.0 mi run at 07:00 on Wed 4 Dec" — main found the same record already
 * there (kind 'duplicate'); nothing was saved. The runner saves it anyway or cancels.
 */
interface Props {
  message: string;
  saving: boolean;
  onSaveAnyway: () => void;
  onCancel: () => void;
}

export function DuplicatePrompt({ message, saving, onSaveAnyway, onCancel }: Props) {
  return (
    <div className="duplicate-prompt form-error" role="alert">
      <p>{message}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onSaveAnyway} disabled={saving} autoFocus>
          Save anyway
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
