import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * The renderer's one zustand store (architecture.md: one store of typed slices with selectors).
 * Each feature declares its slice in its own file with defineSlice() and adds the slice's type
 * here by declaration merging, so a selector over the whole store is typed without this file
 * importing any feature (features import the store, never the other way round):
 *
 *   declare module '../store/rootStore' { interface RootState { plan: PlanState } }
 *   export const usePlanStore = defineSlice('plan', (set, get) => ({ ... }));
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface RootState {}

/** Replaces the slice (replace true) or merges a partial of it, as zustand's own set does. */
export type SetSlice<T> = (partial: Partial<T> | ((state: T) => Partial<T>), replace?: boolean) => void;

/**
 * One slice as a hook with zustand's store API, scoped to the slice: `useX(selector)` re-renders
 * when the selected value changes, getState / setState / subscribe see the slice alone, and
 * getInitialState gives what the slice started with (case reset).
 */
export interface SliceHook<T> {
  <U>(selector: (state: T) => U): U;
  getState(): T;
  setState: SetSlice<T>;
  getInitialState(): T;
  /** Called after each change of this slice (not of others), with the slice before it. */
  subscribe(listener: (state: T, previous: T) => void): () => void;
}

export const rootStore = createStore<RootState>()(() => ({}) as RootState);

/** A selector over the whole store, for state read across slices. */
export function useRootStore<U>(selector: (state: RootState) => U): U {
  return useStore(rootStore, selector);
}

/** Adds a slice to the one store under `key` and returns its hook. */
export function defineSlice<K extends keyof RootState>(
  key: K,
  init: (set: SetSlice<RootState[K]>, get: () => RootState[K]) => RootState[K],
): SliceHook<RootState[K]> {
  type T = RootState[K];
  const get = (): T => rootStore.getState()[key];
  const set: SetSlice<T> = (partial, replace) => {
    const current = get();
    const next = typeof partial === 'function' ? partial(current) : partial;
    // A set that changes nothing notifies nobody (zustand's own would still wake every subscriber).
    if (!replace && Object.entries(next).every(([k, v]) => Object.is(current[k as keyof T], v))) return;
    rootStore.setState({ [key]: replace ? (next as T) : { ...current, ...next } } as unknown as Partial<RootState>);
  };
  const initial = init(set, get);
  rootStore.setState({ [key]: initial } as unknown as Partial<RootState>);
  const hook = (<U>(selector: (state: T) => U): U =>
    useStore(rootStore, (root) => selector(root[key]))) as SliceHook<T>;
  hook.getState = get;
  hook.setState = set;
  hook.getInitialState = () => initial;
  hook.subscribe = (listener) =>
    rootStore.subscribe((root, previous) => {
      if (root[key] !== previous[key]) listener(root[key], previous[key]);
    });
  return hook;
}
