// Who a new clip of mine is by when the profile is incomplete: a clip always needs an author and a zone.
import os from 'node:os';

/** The profile's name and zone; blanks fall back to the OS user and the system zone. */
export function authorOf(profile: { name: string; timezone: string }): { name: string; timezone: string } {
  let user = 'me';
  try {
    user = os.userInfo().username || user;
  } catch (error) {
    // Some containers have no passwd entry for the uid: the clip still needs an author.
    void error;
  }
  return {
    name: profile.name.trim() || user,
    timezone: profile.timezone.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}
