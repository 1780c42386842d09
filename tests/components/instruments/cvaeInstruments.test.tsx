// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CvaeAccuracy } from '../../../src/components/instruments/CvaeAccuracy';
import { classRowImages, sharedOffsets } from '../../../src/components/instruments/CvaeClassRows';
import { CvaeModelControls } from '../../../src/components/instruments/CvaeModelControls';
import { decodeCpu } from '../../../src/model/cpuNet';
import { stubCanvasContext } from '../../plots/stubCanvas';
import { byTestId, cleanup, fakeSnapshot, makeLab, render } from './fakeLab';

beforeEach(() => stubCanvasContext(null));
afterEach(cleanup);

describe('CVAE instruments', () => {
  it('cvae-accuracy shows the worker\'s reading as a percentage, with the classifier\'s own held-out score', () => {
    const lab = makeLab(2, { conditional: true });
    render(lab, <CvaeAccuracy />);
    expect(byTestId('cvae-accuracy').textContent).toBe('–');
    act(() => lab.store.setState({
      classifier: { state: 'ready', testAccuracy: 0.9761 },
      classAccuracy: { step: 1500, accuracy: 0.937, perClass: [1, 0.9, 0.95, 0.9, 0.92, 0.88, 0.97, 0.95, 0.9, 1] },
    }));
    expect(byTestId('cvae-accuracy').textContent).toBe('93.7%');
    expect(byTestId('cvae-accuracy').dataset.step).toBe('1500');
    expect(document.body.textContent).toContain('97.6% of the 10,000 test digits');
    expect(byTestId('cvae-accuracy-per-class').getAttribute('aria-label')).toContain('5: 88%');
  });

  it('cvae-kind is a select of essay and standard; choosing one resets the CVAE to that kind', () => {
    const lab = makeLab(2, { conditional: true });
    render(lab, <CvaeModelControls />);
    const select = byTestId<HTMLSelectElement>('cvae-kind');
    expect(select.tagName).toBe('SELECT');
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['essay', 'standard']);
    expect(select.value).toBe('essay');
    act(() => {
      select.value = 'standard';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(lab.store.getState().config.kind).toBe('standard');
    expect(byTestId<HTMLSelectElement>('cvae-kind').value).toBe('standard');
    expect(byTestId('cvae-beta').textContent).toBe('1.00');
  });

  it('cvae-settings-note reads the CVAE\'s settings and the main model the shell provides, not one lab twice', () => {
    const cvae = makeLab(2, { conditional: true });
    const main = makeLab(2);
    main.store.setState((s) => ({ settings: { ...s.settings, klWeight: 4 }, config: { ...s.config, hiddenDim: 32 } }));
    render(cvae, <CvaeModelControls />, { main });
    expect(byTestId('cvae-beta').textContent).toBe('1.00');
    expect(byTestId('cvae-main-beta').textContent).toBe('4.00');
    // The hidden sizes differ (6 and 32), so the note says the CVAE kept its own since it started.
    expect(byTestId('cvae-settings-note').textContent).toContain('which has changed its own since');
    act(() => main.store.setState((s) => ({ settings: { ...s.settings, klWeight: 0.5 } })));
    expect(byTestId('cvae-main-beta').textContent).toBe('0.50');
  });

  it('class rows: row y decodes every shared offset with label y (and mu^y for the essay\'s CVAE)', () => {
    const snap = fakeSnapshot(2, { conditional: true });
    const offsets = sharedOffsets([0.5, -1], 2);
    expect(Array.from(offsets[0]!)).toEqual([0.5, -1]);
    const images = classRowImages(snap, offsets);
    expect(images.length).toBe(10 * offsets.length);
    const m = snap.classMeans!;
    const cell = images[3 * offsets.length + 2]!;
    const want = decodeCpu(snap.decoder, [m[6]! + offsets[2]![0]!, m[7]! + offsets[2]![1]!]);
    for (let p = 0; p < 784; p += 13) expect(cell[p]).toBeCloseTo(want[p]!, 6);
  });
});
