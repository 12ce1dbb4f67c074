import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Settings } from '../../src-main/shared/domain';
import type { SettingsPatch } from '../../src-main/shared/contract';
import { messageOf, request } from './api/client';

interface SettingsState {
  settings: Settings | undefined;
  loadError: string | undefined;
  update: (patch: SettingsPatch) => Promise<void>;
}

const SettingsContext = createContext<SettingsState | undefined>(undefined);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    request('settings:get').then(setSettings, (error: unknown) => setLoadError(messageOf(error)));
  }, []);

  /** Shows the change at once, then keeps what main saved (or goes back if it refused). */
  const update = useCallback(
    async (patch: SettingsPatch) => {
      const before = settings;
      setSettings((current) => (current ? { ...current, ...patch } : current));
      try {
        setSettings(await request('settings:update', patch));
      } catch (error) {
        setSettings(before);
        throw error;
      }
    },
    [settings],
  );

  return <SettingsContext.Provider value={{ settings, loadError, update }}>{children}</SettingsContext.Provider>;
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
