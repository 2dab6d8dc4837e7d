// A person's initials and colour, from the name alone (pure: tested without a DOM).

/** Backgrounds that all carry white initials at 4.5:1 or more. */
const COLORS = ['#4338ca', '#0e7490', '#047857', '#a21caf', '#b45309', '#be123c', '#6d28d9', '#1d4ed8', '#9f1239', '#3f6212'];

export function avatarColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}
