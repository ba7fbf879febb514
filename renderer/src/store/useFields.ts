import { useShallow } from 'zustand/react/shallow';

/**
 * Some fields of a store's state, compared shallowly: the component re-renders when one of them
 * changes, not on every change of the store (no whole-store subscriptions; eslint enforces it).
 */
export function useFields<S, K extends keyof S>(
  useStore: <U>(selector: (state: S) => U) => U,
  ...keys: K[]
): Pick<S, K> {
  return useStore(
    useShallow((state: S) => {
      const out = {} as Pick<S, K>;
      for (const k of keys) out[k] = state[k];
      return out;
    }),
  );
}
