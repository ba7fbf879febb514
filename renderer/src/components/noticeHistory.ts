import { useAppStore, type Notice } from '../store/appStore';
import { defineSlice } from '../store/rootStore';

export interface PastNotice extends Notice {
  at: Date;
}

/** How many past notices are kept to look back at (the app store itself keeps only the last few). */
const KEEP = 100;

declare module '../store/rootStore' {
  interface RootState {
    noticeHistory: { items: PastNotice[] };
  }
}

/** Every notice shown this session, newest last, including those faded or dismissed. */
export const useNoticeHistory = defineSlice('noticeHistory', () => ({ items: [] }));

// Recorded as notices arrive, so none is missed however quickly they fade or are pushed out.
useAppStore.subscribe((s, prev) => {
  const known = new Set(prev.notices.map((n) => n.id));
  const added = s.notices.filter((n) => !known.has(n.id));
  if (added.length === 0) return;
  const at = new Date();
  useNoticeHistory.setState((h) => ({ items: [...h.items, ...added.map((n) => ({ ...n, at }))].slice(-KEEP) }));
});
