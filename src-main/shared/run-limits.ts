/**
 * The largest run Stance accepts, from any door (the window's forms, files, the command line):
 * 1,000 km and ten days. Kept apart from the contract's schemas so that code which only needs
 * the numbers (the file import, the command line) does not load zod to get them.
 */

/** The longest distance one run may have, in metres (1,000 km). */
export const MAX_RUN_METRES = 1_000_000;
/** The longest duration one run may have, in seconds (ten days). */
export const MAX_RUN_SECONDS = 10 * 24 * 3600;
