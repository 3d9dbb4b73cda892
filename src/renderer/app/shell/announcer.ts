/**
 * The app's one polite live region (WAI-ARIA): what long work is doing and what it came to, said to screen-reader
 * users without moving their focus. Views call `announce`; the Shell draws the region (Announcer). Errors are not
 * sent here: they are notices with role="alert", which screen readers speak at once.
 */
import { create } from 'zustand';

interface Announcement {
  id: number;
  text: string;
}

export const useAnnouncer = create<{ latest: Announcement | null }>(() => ({ latest: null }));

let nextId = 1;

/** Says `text` politely (after what the screen reader is saying). The same text twice is said twice. */
export function announce(text: string): void {
  if (text.trim()) useAnnouncer.setState({ latest: { id: nextId++, text } });
}
