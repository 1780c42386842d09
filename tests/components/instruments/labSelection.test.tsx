// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, useEffect, useState } from 'react';
import type { LabController } from '../../../src/hooks/labController';
import { useLabSelection } from '../../../src/components/instruments/labHooks';
import { cleanup, fakeMetrics, fakeSnapshot, makeLab, render } from './fakeLab';

afterEach(cleanup);

type Call = { snapshotStep: number | null; prop: number; first: boolean };

function Probe({ calls, prop }: { calls: Call[]; prop: number }) {
  useLabSelection((lab) => [lab.store.getState().snapshot, prop] as const, ([snapshot, p], before) => {
    calls.push({ snapshotStep: snapshot?.step ?? null, prop: p, first: before === undefined });
  });
  return null;
}

const setters: ((v: number) => void)[] = [];
function Parent({ calls }: { calls: Call[] }) {
  const [prop, set] = useState(1);
  useEffect(() => { setters.push(set); }, []);
  return <Probe calls={calls} prop={prop} />;
}
const setProp = (v: number): void => { setters.at(-1)?.(v); };

function mount(lab: LabController): Call[] {
  const calls: Call[] = [];
  render(lab, <Parent calls={calls} />);
  // StrictMode mounts, unmounts and mounts again: each subscription starts with a full run.
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((c) => c.first)).toBe(true);
  calls.length = 0;
  return calls;
}

describe('useLabSelection', () => {
  it('runs when its slice changes, with the previous selection, and not for other changes of either store', () => {
    const lab = makeLab(2);
    const calls = mount(lab);
    act(() => lab.store.setState({ latest: fakeMetrics(5, 2) }));
    act(() => lab.view.setState({ selectedIndex: 3 }));
    expect(calls).toEqual([]);
    act(() => lab.store.setState({ snapshot: fakeSnapshot(2, { step: 40 }) }));
    expect(calls).toEqual([{ snapshotStep: 40, prop: 1, first: false }]);
  });

  it('runs when a re-render changes a prop in the selection, once, and not for a re-render that does not', () => {
    const lab = makeLab(2);
    const calls = mount(lab);
    act(() => setProp(1));
    expect(calls).toEqual([]);
    act(() => setProp(2));
    expect(calls).toEqual([{ snapshotStep: 0, prop: 2, first: false }]);
  });

  it('stops listening on unmount', () => {
    const lab = makeLab(2);
    const calls = mount(lab);
    cleanup();
    lab.store.setState({ snapshot: fakeSnapshot(2, { step: 41 }) });
    expect(calls).toEqual([]);
  });
});
