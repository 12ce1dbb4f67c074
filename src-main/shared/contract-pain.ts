/**
 * The pain channels of the IPC contract (spread into contract.ts). Each is declared with
 * channel<Result>()(inputSchema); its name must also be listed in channels.ts.
 */
export const painChannels = {};
