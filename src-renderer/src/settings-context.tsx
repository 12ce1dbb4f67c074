import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import type { Settings } from '../../src-main/shared/domain';
import type { SettingsPatch } from '../../src-main/shared/contract';
import { useChannel, useSave } from './api/hooks';

interface SettingsState {
  settings: Settings | undefined;
  loadError: string | undefined;
  /** Shows the change at once, then keeps what main saved; on a refusal goes back and throws nothing (problem holds the message). */
  update: (patch: SettingsPatch) => Promise<boolean>;
  /** The message when the last change was refused. */
  problem: string | undefined;
}

const SettingsContext = createContext<SettingsState | undefined>(undefined);

/** The runner's settings for the whole window: read once, changed through settings:update. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const { data, error } = useChannel('settings:get', undefined, { live: false });
  const { save, problem } = useSave('settings:update');
  const [saved, setSaved] = useState<Settings>();
  const [pending, setPending] = useState<SettingsPatch>();
  const stored = saved ?? data;
  // The change shows at once; what main saved replaces it (or, refused, the settings as they were).
  const shown = stored && pending ? { ...stored, ...pending } : stored;

  const update = useCallback(
    async (patch: SettingsPatch) => {
      setPending(patch);
      const result = await save(patch);
      setPending(undefined);
      if (result) setSaved(result);
      return result !== undefined;
    },
    [save],
  );

  return (
    <SettingsContext.Provider value={{ settings: shown, loadError: error, update, problem: problem?.form }}>{children}</SettingsContext.Provider>
  );
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings outside SettingsProvider');
  return state;
}

/** The settings, once loaded (pages render inside a guard that waits for them). */
export function useLoadedSettings(): Settings & { update: SettingsState['update'] } {
  const { settings, update } = useSettings();
  if (!settings) throw new Error('settings not loaded');
  return { ...settings, update };
}
