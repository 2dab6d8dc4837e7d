// A person as initials on a colour of their own: the colour comes from the name, so the same person looks the same on
// every screen and every machine, with no picture to fetch.
import { avatarColor, initials } from '../lib/avatar';

/** Decorative beside the name it stands for (the name is always written next to it). */
export function Avatar({ name, size }: { name: string; size?: 'lg' }) {
  return (
    <span className={size ? `avatar ${size}` : 'avatar'} aria-hidden="true" style={{ background: avatarColor(name) }}>
      {initials(name)}
    </span>
  );
}

export function Person({ name, size }: { name: string; size?: 'lg' }) {
  return (
    <span className="person">
      <Avatar name={name} size={size} />
      <span>{name}</span>
    </span>
  );
}
