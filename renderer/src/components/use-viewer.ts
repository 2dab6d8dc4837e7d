import { useMemo } from 'react';
import { useSettings } from '../api/context';
import { detectTimezone, isValidTimezone } from '../lib/time';

export interface Viewer {
  name: string;
  timezone: string;
  workingHours: string;
}

/** Who is looking: the profile, with the system timezone until one is saved. */
export function useViewer(): { viewer: Viewer | null; error: string | null } {
  const { settings, error } = useSettings();
  const viewer = useMemo(() => {
    if (!settings) return null;
    const tz = settings['profile.timezone'];
    return { name: settings['profile.name'], timezone: isValidTimezone(tz) ? tz : detectTimezone(), workingHours: settings['profile.workingHours'] };
  }, [settings]);
  return { viewer, error };
}
