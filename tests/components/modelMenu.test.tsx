// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelMenu, shippedLabel } from '../../src/components/ModelMenu';
import { decodeModelFile, encodeModelFile, type SavedModel } from '../../src/model/modelFile';
import { paramShapes, PARAM_ORDER } from '../../src/shared/architecture';
import type { ModelConfig } from '../../src/shared/types';
import { i18n } from '../../src/i18n';
import type { SaveEntry } from '../../src/state/savedModels';
import { memoryAutosave } from '../helpers/labs';
import { byTestId, cleanup, makeLab, render } from './instruments/fakeLab';

const HAN = /\p{Script=Han}/u;

function setup() {
  const lab = makeLab(2);
  const autosave = memoryAutosave(lab);
  const el = render(lab, <ModelMenu pretrainedFile="vae-latent2.vaelab" autosave={autosave} />);
  return { lab, autosave, el };
}

const entry = (step: number, owner = `o${step}`): SaveEntry => ({ owner, savedAt: '2026-12-01T10:00:00.000Z', step, latentDim: 2 });

afterEach(async () => {
  cleanup();
  await act(() => i18n.changeLanguage('en'));
});

describe('model menu: restore, offers and other saves', () => {
  it('shows nothing about saves on a first visit', () => {
    const { el } = setup();
    for (const id of ['restore-banner', 'restore-notice', 'saved-model-offer', 'other-saves', 'last-saved']) {
      expect(el.querySelector(`[data-testid="${id}"]`), id).toBeNull();
    }
  });

  it('words each restore outcome, with the reason from the file reader in the reader\'s terms', () => {
    const { autosave, el } = setup();
    const cases = [
      [{ kind: 'noStorage' }, /does not let the page store data.*Export it/],
      [{ kind: 'evicted', lastSavedAt: '2026-12-01T10:00:00.000Z' }, /is gone: the browser cleared/],
      [{ kind: 'unreadable', savedAt: '2026-12-01T10:00:00.000Z', reason: 'the file is truncated' }, /could not be read \(the file is truncated\)/],
      [{ kind: 'olderSlot', failedAt: '2026-12-01T10:00:00.000Z', restoredAt: '2026-12-01T09:59:30.000Z', reason: 'the file\'s header is corrupt' }, /latest save.*could not be read.*restored the one before it/],
      [{ kind: 'copyOfOpenTab' }, /copy of the model open in another tab/],
    ] as const;
    for (const [note, words] of cases) {
      act(() => autosave.view.setState({ note }));
      const n = byTestId('restore-notice', el);
      expect(n.getAttribute('data-kind')).toBe(note.kind);
      expect(n.textContent).toMatch(words);
    }
  });

  it('offers the save a link did not open, and opens it on request', () => {
    const { autosave, el } = setup();
    const open = vi.spyOn(autosave, 'open').mockResolvedValue();
    act(() => autosave.view.setState({ offer: entry(1234) }));
    expect(byTestId('saved-model-offer', el).textContent).toMatch(/saved model from .*step 1,234, latent size 2/);
    act(() => byTestId('saved-model-open', el).click());
    expect(open).toHaveBeenCalledWith(entry(1234));
  });

  it('asks before a save replaces a model trained for more than a minute', () => {
    const { lab, autosave, el } = setup();
    const open = vi.spyOn(autosave, 'open').mockResolvedValue();
    vi.spyOn(lab, 'trainedSeconds').mockReturnValue(90);
    act(() => autosave.view.setState({ others: [entry(5), entry(9)] }));
    const buttons = el.querySelectorAll<HTMLButtonElement>('[data-testid="other-save-open"]');
    expect(buttons).toHaveLength(2);
    act(() => buttons[1]!.click());
    expect(open).not.toHaveBeenCalled();
    const dialog = byTestId('confirm-replace');
    expect(dialog.textContent).toMatch(/your model saved at/);
    const replace = [...dialog.querySelectorAll('button')].find((b) => /replace/i.test(b.textContent ?? ''))!;
    act(() => replace.click());
    expect(open).toHaveBeenCalledWith(entry(9));
  });

  it('lists other tabs\' saves by time, step and latent size', () => {
    const { autosave, el } = setup();
    act(() => autosave.view.setState({ others: [entry(5), { owner: 'old', savedAt: '2026-11-30T08:00:00.000Z', step: 70 }] }));
    expect(byTestId('other-saves', el).querySelector('summary')!.textContent).toMatch(/Other saved models in this browser \(2\)/);
    const items = [...el.querySelectorAll('[data-testid="other-save"]')].map((li) => li.textContent);
    expect(items[0]).toMatch(/step 5, latent size 2/);
    expect(items[1]).toMatch(/step 70/);
    expect(items[1]).not.toMatch(/latent/);
  });

  it('"Start fresh" in the restore banner goes to this tab\'s autosave', () => {
    const { lab, autosave, el } = setup();
    const fresh = vi.spyOn(autosave, 'startFresh').mockResolvedValue();
    act(() => lab.store.setState({ restoredFrom: '2026-12-01T10:00:00.000Z' }));
    act(() => byTestId('restore-fresh', el).click());
    expect(fresh).toHaveBeenCalledOnce();
  });

  it('says when the browser may clear the save', () => {
    const { lab, autosave, el } = setup();
    act(() => lab.store.setState({ lastSavedAt: '2026-12-01T10:00:00.000Z' }));
    expect(byTestId('last-saved', el).textContent).not.toMatch(/may clear/);
    act(() => autosave.view.setState({ persistent: false }));
    expect(byTestId('last-saved', el).textContent).toMatch(/may clear it if disk space runs low/);
    expect(byTestId('last-saved', el).getAttribute('data-persistent')).toBe('false');
  });

  it('says all of it in Chinese too', async () => {
    const { lab, autosave, el } = setup();
    await act(() => i18n.changeLanguage('zh'));
    act(() => {
      lab.store.setState({ lastSavedAt: '2026-12-01T10:00:00.000Z' });
      autosave.view.setState({ note: { kind: 'olderSlot', failedAt: '2026-12-01T10:00:00.000Z', restoredAt: '2026-12-01T09:00:00.000Z', reason: 'the file is truncated' },
        offer: entry(3), others: [entry(4)], persistent: false });
    });
    for (const id of ['restore-notice', 'saved-model-offer', 'other-saves', 'last-saved']) {
      const text = byTestId(id, el).textContent ?? '';
      expect(text, id).toMatch(HAN);
      expect(text, id).not.toMatch(/\b(the|saved|could|step)\b/);
    }
  });
});

/** A model file's content (weights counting up, so a round trip shows every value). */
function savedModel(step = 321, over: Partial<ModelConfig> = {}): SavedModel {
  const config: ModelConfig = { latentDim: 2, hiddenDim: 16, conditional: false, seed: 1, ...over };
  const shapes = paramShapes(config);
  let n = 0;
  const params = PARAM_ORDER.filter((k) => shapes[k]).map((k) => Float32Array.from({ length: shapes[k]!.reduce((a, b) => a * b, 1) }, () => (n++ % 97) / 97));
  return {
    config, settings: { learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
    step, params, source: 'written by the test', savedAt: '2026-12-01T10:00:00.000Z',
  };
}

/** Picks a file in the import control the way the browser's file dialog does. */
function pickFile(el: HTMLElement, file: File): void {
  const input = byTestId<HTMLInputElement>('model-import', el);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('model menu: files in and out', () => {
  it('imports a file of its own kind as the reader\'s model, named by the file', async () => {
    const { lab, el } = setup();
    const load = vi.spyOn(lab, 'loadModel').mockImplementation(() => undefined);
    const model = savedModel();
    pickFile(el, new File([encodeModelFile(model) as BlobPart], 'mine.vaelab'));
    await vi.waitFor(() => expect(load).toHaveBeenCalledOnce());
    const [loaded, opts] = load.mock.calls[0]!;
    expect(opts).toEqual({ shipped: false });
    expect(loaded.source).toBe('imported from mine.vaelab');
    expect(loaded.step).toBe(321);
    expect(Array.from(loaded.params[2]!)).toEqual(Array.from(model.params[2]!));
  });

  it('refuses a CVAE file on the plain VAE, and a file larger than any model, leaving the model alone', async () => {
    const { lab, el } = setup();
    const load = vi.spyOn(lab, 'loadModel').mockImplementation(() => undefined);
    const cvae = savedModel(321, { conditional: true });
    pickFile(el, new File([encodeModelFile(cvae) as BlobPart], 'c.vaelab'));
    await vi.waitFor(() => expect(lab.store.getState().error).toBe(
      'Could not import c.vaelab: this is a conditional VAE; import it on the Conditional VAE page. The current model is unchanged.'));
    const huge = new File([Uint8Array.of(1)], 'huge.vaelab');
    Object.defineProperty(huge, 'size', { value: 80e6 });
    pickFile(el, huge);
    await vi.waitFor(() => expect(lab.store.getState().error).toMatch(/^Could not import huge\.vaelab: the file is 80 MB, larger than any VAE Lab model/));
    expect(load).not.toHaveBeenCalled();
  });

  it('skips ahead with the shipped file, marked shipped and named for the reader', async () => {
    const { lab, el } = setup();
    const load = vi.spyOn(lab, 'loadModel').mockImplementation(() => undefined);
    const shipped = savedModel(20_000);
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      return Promise.resolve(new Response(encodeModelFile(shipped) as BlobPart));
    });
    act(() => byTestId('model-load-pretrained', el).click());
    await vi.waitFor(() => expect(load).toHaveBeenCalledOnce());
    expect(fetched).toHaveLength(1);
    expect(fetched[0]).toMatch(/\/pretrained\/vae-latent2\.vaelab$/);
    const [loaded, opts] = load.mock.calls[0]!;
    expect(opts).toEqual({ shipped: true });
    expect(loaded.source).toBe(shippedLabel(shipped));
    expect(loaded.source).toBe('VAE, latent size 2, trained in advance for 20,000 steps');
  });

  it('exports the lab\'s model as a file named by lab and step that reads back to the same model', async () => {
    const { lab, el } = setup();
    const model = savedModel(77);
    vi.spyOn(lab, 'exportModel').mockResolvedValue(model);
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(class extends URL {}, {
      createObjectURL: (b: Blob) => { blobs.push(b); return 'blob:test'; },
      revokeObjectURL: () => undefined,
    }));
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { downloads.push(this.download); });
    act(() => byTestId('model-export', el).click());
    await vi.waitFor(() => expect(downloads).toEqual(['vae-lab-main-step77.vaelab']));
    const back = decodeModelFile(new Uint8Array(await blobs[0]!.arrayBuffer()));
    expect(back.step).toBe(77);
    expect(back.params.map((p) => Array.from(p))).toEqual(model.params.map((p) => Array.from(p)));
  });
});
