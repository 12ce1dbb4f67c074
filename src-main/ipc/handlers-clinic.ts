/** Handlers for the physiotherapist's check-ins and report: validated input to db/clinic-checkins and db/services/clinic. */
import fs from 'node:fs';
import path from 'node:path';
import type { ClinicChannelName } from '../shared/contract-clinic';
import { StanceError } from '../shared/errors';
import { getRunFollowup, listOstrcWeeks, saveOstrcWeek, setRunFollowup, type RunnerClock } from '../db/clinic-checkins';
import { clinicReport, clinicToday, paperFor } from '../db/services/clinic';
import { utcToLocal } from '../db/local-time';
import type { CoreContext, HandlersFor } from './core';

export function clinicHandlers(core: CoreContext): HandlersFor<ClinicChannelName> {
  const { db } = core;
  const clock = (): RunnerClock => ({ now: core.now(), timeZone: core.timeZone() });
  return {
    'ostrc:list': (query) => listOstrcWeeks(db, query),
    'ostrc:save': (draft) => saveOstrcWeek(db, draft, clock()),
    'followup:get': ({ runId }) => getRunFollowup(db, runId, clock()),
    'followup:set': (draft) => setRunFollowup(db, draft, clock()),
    'clinic:today': () => clinicToday(db, clock()),
    'report:get': (query) => clinicReport(db, query, clock()),
    'report:savePdf': async (query) => {
      if (!core.printReportPdf) throw new StanceError('refused', 'This window cannot make a PDF. Use your system’s Print dialog and choose “Save as PDF”.');
      const bytes = await core.printReportPdf({ paper: paperFor(query.locale) });
      const folder = path.join(core.dataFolder, 'reports');
      fs.mkdirSync(folder, { recursive: true });
      const stem = `stance-report-${utcToLocal(core.now(), core.timeZone()).localDate}-${query.weeks}-weeks`;
      // Never over an earlier report: the same day's second report is "… (2).pdf", and so on.
      // 'wx' creates the file only if the name is free, so two saves at once cannot take one name.
      for (let copy = 1; ; copy += 1) {
        const file = path.join(folder, copy === 1 ? `${stem}.pdf` : `${stem} (${copy}).pdf`);
        try {
          fs.writeFileSync(file, bytes, { flag: 'wx' });
          return { path: file };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || copy >= 1000) throw error;
        }
      }
    },
  };
}
