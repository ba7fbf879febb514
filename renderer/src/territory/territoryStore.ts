import { registerCasePart } from '../case/caseParts';
import { defineSlice } from '../store/rootStore';
import { planeFromPoints, type SplitPlane } from '../../../shared/case/liverSplit';
import type { Territory } from '../../../shared/case/territory';
import type { Vec3 } from '../../../shared/volume/grid';

/** A plane being placed: up to three clicked (or typed) points and the kept side. */
export interface DraftPlane {
  points: (Vec3 | null)[];
  keep: SplitPlane['keep'];
}

export interface TerritoryDraft {
  name: string;
  planes: DraftPlane[];
  lobe: Territory['lobe'] | '';
}

interface TerritoryState {
  /** The case's territories in treatment order (saved with the case as CaseDocument.territories). */
  territories: Territory[];
  /** The Y-90 target (CaseDocument.targetTerritoryId). */
  targetId: string | null;
  draft: TerritoryDraft;
  /** The point the next viewport click sets, or null when clicks are the viewer's. */
  placing: { plane: number; point: number } | null;
  restore(territories: Territory[], targetId: string | null): void;
  setDraft(patch: Partial<TerritoryDraft>): void;
  setPoint(plane: number, point: number, p: Vec3 | null): void;
  addPlane(): void;
  removePlane(plane: number): void;
  flip(plane: number): void;
  startPlacing(plane: number): void;
  /** A viewport click while placing: sets the point and moves on to the next empty one. */
  place(p: Vec3): void;
  stopPlacing(): void;
  /** Drops the draft (its points, name and preview) without adding a territory. */
  cancelDraft(): void;
  /** Adds the draft as a territory; returns why not when it cannot. */
  apply(): string | null;
  remove(id: string): void;
  setTarget(id: string | null): void;
  setLungDose(id: string, gy: number | undefined): void;
}

const emptyPlane = (): DraftPlane => ({ points: [null, null, null], keep: 'positive' });
const emptyDraft = (): TerritoryDraft => ({ name: '', planes: [emptyPlane()], lobe: '' });

/** The draft's cuts once every point is placed and no plane is degenerate, else why not. */
export function draftCuts(draft: TerritoryDraft): SplitPlane[] | string {
  const cuts: SplitPlane[] = [];
  for (const [n, p] of draft.planes.entries()) {
    if (p.points.some((x) => !x)) return `Plane ${n + 1}: place all three points.`;
    const points = p.points as [Vec3, Vec3, Vec3];
    try {
      planeFromPoints(...points);
    } catch (e) {
      return `Plane ${n + 1}: ${(e as Error).message}.`;
    }
    cuts.push({ points, keep: p.keep });
  }
  return cuts.length ? cuts : 'Add a plane.';
}

/** The planes of the draft already defined (three points, not in a row), drawn while the others are placed. */
export function placedPlanes(draft: TerritoryDraft): SplitPlane[] {
  return draft.planes.flatMap((p) => {
    if (p.points.some((x) => !x)) return [];
    const points = p.points as [Vec3, Vec3, Vec3];
    try {
      planeFromPoints(...points);
    } catch {
      return [];
    }
    return [{ points, keep: p.keep }];
  });
}

/** Every point placed so far, in plane order. */
export function placedPoints(draft: TerritoryDraft): Vec3[] {
  return draft.planes.flatMap((p) => p.points.filter((x): x is Vec3 => x !== null));
}

/** First free "T<n>": ids stay stable when territories are removed. */
function nextId(list: Territory[]): string {
  const used = new Set(list.map((t) => t.id));
  let n = 1;
  while (used.has(`T${n}`)) n++;
  return `T${n}`;
}

const withPlane = (d: TerritoryDraft, n: number, f: (p: DraftPlane) => DraftPlane): TerritoryDraft => ({
  ...d,
  planes: d.planes.map((p, i) => (i === n ? f(p) : p)),
});
declare module '../store/rootStore' {
  interface RootState {
    territory: TerritoryState;
  }
}

/** Y-90 target territories of the open case and the one being drawn. Never voxels: masks are derived. */
export const useTerritoryStore = defineSlice('territory', (set, get) => ({
  territories: [],
  targetId: null,
  draft: emptyDraft(),
  placing: null,
  restore: (territories, targetId) => set({ territories, targetId, draft: emptyDraft(), placing: null }),
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  setPoint: (plane, point, p) =>
    set((s) => ({
      draft: withPlane(s.draft, plane, (x) => ({ ...x, points: x.points.map((q, i) => (i === point ? p : q)) })),
    })),
  addPlane: () => set((s) => ({ draft: { ...s.draft, planes: [...s.draft.planes, emptyPlane()] } })),
  removePlane: (plane) =>
    set((s) => ({ draft: { ...s.draft, planes: s.draft.planes.filter((_, i) => i !== plane) }, placing: null })),
  flip: (plane) =>
    set((s) => ({
      draft: withPlane(s.draft, plane, (x) => ({ ...x, keep: x.keep === 'positive' ? 'negative' : 'positive' })),
    })),
  startPlacing: (plane) => {
    const free = get().draft.planes[plane]?.points.findIndex((p) => !p) ?? -1;
    set({ placing: { plane, point: free < 0 ? 0 : free } });
  },
  place: (p) => {
    const at = get().placing;
    if (!at) return;
    get().setPoint(at.plane, at.point, p);
    const next = get().draft.planes[at.plane]!.points.findIndex((q) => !q);
    set({ placing: next < 0 ? null : { plane: at.plane, point: next } });
  },
  stopPlacing: () => set({ placing: null }),
  cancelDraft: () => set({ draft: emptyDraft(), placing: null }),
  apply: () => {
    const { draft, territories } = get();
    const cuts = draftCuts(draft);
    if (typeof cuts === 'string') return cuts;
    const name = draft.name.trim();
    if (!name) return 'Name the territory.';
    const t: Territory = { id: nextId(territories), name: name.slice(0, 64), planes: cuts };
    if (draft.lobe) t.lobe = draft.lobe;
    set({ territories: [...territories, t], draft: emptyDraft(), placing: null });
    return null;
  },
  remove: (id) =>
    set((s) => ({
      territories: s.territories.filter((t) => t.id !== id),
      targetId: s.targetId === id ? null : s.targetId,
    })),
  setTarget: (targetId) => set({ targetId }),
  setLungDose: (id, gy) =>
    set((s) => ({
      territories: s.territories.map((t) => {
        if (t.id !== id) return t;
        const { lungDoseGy: _, ...rest } = t;
        return gy === undefined ? rest : { ...rest, lungDoseGy: gy };
      }),
    })),
}));

/** The id the preview of an unapplied draft is measured under. */
export const PREVIEW_ID = 'preview';

/** What the case measurement splits: the applied territories plus the draft once it is complete. */
export function territoriesToMeasure(s: Pick<TerritoryState, 'territories' | 'draft'>): Territory[] {
  const cuts = draftCuts(s.draft);
  return typeof cuts === 'string'
    ? s.territories
    : [...s.territories, { id: PREVIEW_ID, name: 'Preview', planes: cuts }];
}

// Territories and the Y-90 target are the open case's (renderer/src/case/caseParts).
registerCasePart('territory', {
  save: () => {
    const { territories, targetId } = useTerritoryStore.getState();
    return { territories, targetTerritoryId: targetId ?? undefined };
  },
  restore: (doc) => useTerritoryStore.getState().restore(doc.territories ?? [], doc.targetTerritoryId ?? null),
  watch: (changed) =>
    useTerritoryStore.subscribe(
      (s, prev) => (s.territories !== prev.territories || s.targetId !== prev.targetId) && changed(),
    ),
  reset: () => useTerritoryStore.getState().restore([], null),
});
