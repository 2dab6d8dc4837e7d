import type { Db } from './database';
import { newId } from '../system/ids';

export interface PersonRow {
  id: string;
  name: string;
  timezone: string;
  working_hours: string;
  is_me: number;
  updated_at: string;
}

/** Finds a person by name (case-insensitively) and records their current timezone, or adds them. */
export function upsertPerson(db: Db, person: { name: string; timezone: string }, now: Date): PersonRow {
  const existing = db.prepare('SELECT * FROM people WHERE name = ? COLLATE NOCASE ORDER BY is_me DESC, id LIMIT 1').get(person.name) as
    | PersonRow
    | undefined;
  if (existing) {
    if (existing.timezone !== person.timezone) {
      db.prepare('UPDATE people SET timezone = ?, updated_at = ? WHERE id = ?').run(person.timezone, now.toISOString(), existing.id);
    }
    return { ...existing, timezone: person.timezone };
  }
  const id = newId(9);
  db.prepare('INSERT INTO people (id, name, timezone, updated_at) VALUES (?, ?, ?, ?)').run(id, person.name, person.timezone, now.toISOString());
  return db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow;
}
