import type { StanceApi } from '../../src-main/shared/api';

declare global {
  interface Window {
    /** The one door to the main process, exposed by the preload. */
    stance: StanceApi;
  }
}
