import { describe, expect, it } from 'vitest';
import { defineSlice, rootStore } from './rootStore';

interface Counter {
  n: number;
  label: string;
  bump(): void;
}
interface Other {
  on: boolean;
}
declare module './rootStore' {
  interface RootState {
    testCounter: Counter;
    testOther: Other;
  }
}

const useCounter = defineSlice('testCounter', (set, get) => ({
  n: 0,
  label: 'a',
  bump: () => set({ n: get().n + 1 }),
}));
const useOther = defineSlice('testOther', () => ({ on: false }));

describe('one store of slices', () => {
  it('keeps each slice under its key in the one store, actions beside state', () => {
    useCounter.getState().bump();
    expect(rootStore.getState().testCounter.n).toBe(1);
    expect(rootStore.getState().testOther.on).toBe(false);
    expect(useCounter.getInitialState().n).toBe(0);
  });

  it('merges a partial, or replaces the slice when asked', () => {
    useCounter.setState((s) => ({ n: s.n + 10 }));
    expect(useCounter.getState()).toMatchObject({ n: 11, label: 'a' });
    useCounter.setState(useCounter.getInitialState(), true);
    expect(useCounter.getState().n).toBe(0);
  });

  it("tells a slice's subscribers of its own changes only, with the state before", () => {
    const seen: [number, number][] = [];
    const off = useCounter.subscribe((s, prev) => seen.push([s.n, prev.n]));
    useOther.setState({ on: true });
    useCounter.setState({ n: 5 });
    useCounter.setState({ n: 5 }); // no change: no call
    off();
    useCounter.setState({ n: 6 });
    expect(seen).toEqual([[5, 0]]);
  });
});
