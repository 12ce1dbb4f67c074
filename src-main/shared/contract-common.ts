/**
 * Schemas several parts of the contract share: "no input", a calendar date, a time zone, a
 * record's id. (The contract-*.ts files import this one; it imports none of them.)
 */
import { z } from 'zod';
import { isCalendarDate, isTimeZone } from './validation';

/** A channel that takes no input: nothing, null or {}. */
export const nothing = z.undefined().or(z.null()).or(z.strictObject({}));

/** A date on the runner's calendar, YYYY-MM-DD. */
export const localDateSchema = z
  .string({ error: 'Give the date as YYYY-MM-DD.' })
  .refine(isCalendarDate, { error: 'That is not a date on the calendar. Give it as YYYY-MM-DD.' });

/** An IANA time zone the runtime knows, e.g. Europe/London. */
export const timeZoneSchema = z
  .string({ error: 'Give the time zone the run was in, e.g. Europe/London.' })
  .refine(isTimeZone, { error: 'That time zone is not known. Pick one from the list, e.g. America/New_York.' });

/** A stored record's id (a positive whole number); `what` names it in the message ("run"). */
export const recordId = (what: string) =>
  z.number({ error: `Say which ${what}.` }).int({ error: `Say which ${what}.` }).positive({ error: `Say which ${what}.` });

/** Save although the same record is already there (the runner answered *Save anyway* to "You already logged…"). */
export const saveAnywaySchema = z.boolean().optional();
