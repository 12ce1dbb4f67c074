/** Electron glue: every contract channel goes through ipcMain.handle to the one dispatcher. */
import { ipcMain } from 'electron';
import { channelNames } from '../shared/channels';
import type { Dispatch } from './dispatch';

export function registerChannels(dispatch: Dispatch): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatch(channel, payload, {
        url: event.senderFrame?.url,
        // Events (an import's progress) go back to the window that asked, while it is there.
        sendEvent: (name, message) => {
          if (!event.sender.isDestroyed()) event.sender.send(`event:${name}`, message);
        },
      }),
    );
  }
}
