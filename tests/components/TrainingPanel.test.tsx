// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainingPanel } from '../../src/components/TrainingPanel';
import { LabController } from '../../src/hooks/labController';
import { LabsProvider } from '../../src/hooks/sectionLab';
import { i18n } from '../../src/i18n';
import type { StepMetrics } from '../../src/shared/types';
import { BETA_MAX, SETTINGS, defaultTrainSettings, defaultValues, type NumberSetting } from '../../src/settings/schema';
import { testLabs } from '../helpers/labs';
import { mountPerTest } from '../helpers/mountPerTest';

/** A lab built from the schema's defaults, as a link with no settings builds it; no worker is started. */
function defaultLab(): LabController {
  const d = defaultValues();
  const lab = new LabController({ latentDim: d.latentDim, hiddenDim: d.hiddenDim, conditional: false, seed: d.seed }, defaultTrainSettings(), 'cpu', 'http://localhost/data/');
  lab.store.setState({ phase: 'ready' });
  return lab;
}

const mount = mountPerTest();
beforeEach(async () => {
  await i18n.changeLanguage('en');
});

function render(lab: LabController): void {
  mount.render(<LabsProvider labs={testLabs(lab)}><TrainingPanel /></LabsProvider>);
}
const select = (testId: string) => mount.container.querySelector<HTMLSelectElement>(`[data-testid="${testId}"]`)!;
const optionValues = (testId: string) => [...select(testId).options].map((o) => o.value);
function pick(testId: string, value: string): void {
  const el = select(testId);
  // An option the schema does not offer (a forged or stale one) is added to test the check.
  if (![...el.options].some((o) => o.value === value)) el.add(new Option(value, value));
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('the training panel reads its controls from the settings schema', () => {
  it('offers the schema\'s presets and choices, with the schema\'s defaults selected', () => {
    render(defaultLab());
    const numeric: [string, NumberSetting][] = [['learning-rate', SETTINGS.learningRate], ['batch-size', SETTINGS.batchSize], ['latent-size', SETTINGS.latentDim]];
    for (const [testId, s] of numeric) {
      expect(optionValues(testId), testId).toEqual(s.presets!.map(String));
      expect(select(testId).value, testId).toBe(String(s.def));
    }
    expect(optionValues('recon-loss')).toEqual([...SETTINGS.reconLoss.values]);
    expect(optionValues('recon-reduction')).toEqual([...SETTINGS.reconReduction.values]);
    expect(optionValues('pixels')).toEqual([...SETTINGS.pixels.values]);
    expect(select('recon-loss').value).toBe(SETTINGS.reconLoss.def);
    expect(select('pixels').value).toBe(SETTINGS.pixels.def);
    expect(mount.container.textContent).toContain('latent size (resets)');
    expect(mount.container.textContent).toContain('over pixels');
  });

  it('bounds the beta slider by the schema and starts it at the schema\'s default', () => {
    render(defaultLab());
    const beta = mount.container.querySelector<HTMLInputElement>('[data-testid="kl-weight"]')!;
    expect(Number(beta.min)).toBe(SETTINGS.klWeight.min);
    expect(Number(beta.max)).toBe(BETA_MAX);
    expect(Number(beta.value)).toBe(SETTINGS.klWeight.def);
  });

  it('shows a current value outside the presets as an extra option, in order', () => {
    const lab = defaultLab();
    lab.store.setState({ settings: { ...lab.store.getState().settings, learningRate: 5e-3 } });
    render(lab);
    expect(optionValues('learning-rate')).toEqual(['0.0001', '0.0003', '0.001', '0.003', '0.005', '0.01', '0.03', '0.1', '1']);
    expect(select('learning-rate').value).toBe('0.005');
  });

  it('resets for a setting the schema says rebuilds the model, and changes the others mid-run', () => {
    const lab = defaultLab();
    const reset = vi.spyOn(lab, 'reset');
    const update = vi.spyOn(lab, 'updateSettings');
    render(lab);
    pick('recon-loss', 'mse');
    pick('pixels', 'binarized');
    expect(reset).not.toHaveBeenCalled();
    expect(lab.store.getState().settings).toMatchObject({ reconLoss: 'mse', pixels: 'binarized' });
    pick('latent-size', '8');
    expect(reset).toHaveBeenCalledWith({ latentDim: 8 });
    expect(lab.store.getState().config.latentDim).toBe(8);
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('ignores a picked value the schema does not allow (a forged option)', () => {
    const lab = defaultLab();
    const reset = vi.spyOn(lab, 'reset');
    render(lab);
    pick('latent-size', '64');
    pick('recon-loss', 'l1');
    pick('batch-size', '3');
    expect(reset).not.toHaveBeenCalled();
    expect(lab.store.getState().config.latentDim).toBe(SETTINGS.latentDim.def);
    expect(lab.store.getState().settings).toEqual(defaultTrainSettings());
  });
});

const point = (step: number, over: Partial<StepMetrics> = {}): StepMetrics => ({
  step, epoch: step / 469, seconds: step / 10, samplesPerSec: 900, loss: step, recon: step - 5, kl: 5, klPerDim: [3, 2], meanSigma: 0.4, ...over,
});
const shown = (testId: string) => mount.container.querySelector(`[data-testid="${testId}"]`)!.textContent;
const button = (testId: string) => mount.container.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!;

describe('the training panel\'s buttons and numbers', () => {
  it('start, pause and resume say what a press will do, press toggle, and wait for the data', () => {
    const lab = defaultLab();
    lab.store.setState({ phase: 'loading' });
    const toggle = vi.spyOn(lab, 'toggle').mockImplementation(() => undefined);
    const reset = vi.spyOn(lab, 'reset').mockImplementation(() => undefined);
    render(lab);
    expect(button('train-toggle').disabled).toBe(true);
    expect(button('train-reset').disabled).toBe(true);
    act(() => lab.store.setState({ phase: 'ready' }));
    expect(button('train-toggle').disabled).toBe(false);
    expect(button('train-toggle').textContent).toBe('Start training');
    act(() => button('train-toggle').click());
    expect(toggle).toHaveBeenCalledTimes(1);
    act(() => lab.store.setState({ phase: 'training', running: true, latest: point(3), history: [point(3)] }));
    expect(button('train-toggle').textContent).toBe('Pause');
    act(() => lab.store.setState({ phase: 'ready', running: false }));
    expect(button('train-toggle').textContent).toBe('Resume');
    act(() => button('train-reset').click());
    expect(reset).toHaveBeenCalledWith();
  });

  it('shows the loss as the mean of the last 50 steps, and the newest held-out NELBO, not the newest step\'s blank', () => {
    const lab = defaultLab();
    // Loss = step, so the mean over steps 31..80 is 55.5 while the newest batch says 80.
    const history = Array.from({ length: 80 }, (_, i) => point(i + 1, i + 1 === 20 ? { testNelbo: 150 } : i + 1 === 60 ? { testNelbo: 121.24 } : {}));
    lab.store.setState({ latest: history.at(-1)!, history });
    render(lab);
    expect(shown('metric-step')).toBe('80');
    expect(shown('metric-loss')).toMatch(/^55\.5 /);
    expect(shown('metric-recon')).toMatch(/^75\.0 /);
    expect(shown('metric-test-nelbo')).toBe('121.2 nats');
  });

  it('compact: start, pause and beta only, none of the model-shape controls', () => {
    const lab = defaultLab();
    mount.render(<LabsProvider labs={testLabs(lab)}><TrainingPanel compact /></LabsProvider>);
    expect(button('train-toggle')).not.toBeNull();
    expect(mount.container.querySelector('[data-testid="kl-weight"]')).not.toBeNull();
    for (const id of ['learning-rate', 'batch-size', 'latent-size', 'recon-loss', 'recon-reduction', 'pixels']) {
      expect(mount.container.querySelector(`[data-testid="${id}"]`), id).toBeNull();
    }
  });
});
