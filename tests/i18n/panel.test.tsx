// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmReplace } from '../../src/components/ConfirmReplace';
import { ErrorBanner } from '../../src/components/ErrorBanner';
import { TrainingPanel } from '../../src/components/TrainingPanel';
import { TrainingStatus } from '../../src/components/TrainingStatus';
import { LabController } from '../../src/hooks/labController';
import { LabsProvider } from '../../src/hooks/sectionLab';
import { i18n } from '../../src/i18n';
import { backendNoteText, messageText, modelSourceText, reasonText } from '../../src/i18n/panelMessages';
import { ContextLostError, DeadlineError, READ_DEADLINE_MS } from '../../src/worker/recovery';
import { decodeModelFile, ModelFileError } from '../../src/model/modelFile';
import { testLabs } from '../helpers/labs';
import { mountPerTest } from '../helpers/mountPerTest';

const HAN = /\p{Script=Han}/u;

// English sentences as the worker, the model file code and the model menu build them.
const DIVERGED = 'Training diverged at step 812: the numbers blew up (KL 3.2e+7 nats), heading for overflow. '
  + 'Restored the weights from step 800. Lower the learning rate, or raise beta if it is 0 with squared error, then press start.';
const CONTEXT_LOST = 'The WebGL context was lost at step 40. Training moved to wasm and goes on from the weights of step 38.';
const IMPORT_REFUSED = 'Could not import mine.vaelab: this is a conditional VAE; import it on the Conditional VAE page. The current model is unchanged.';
const BACKEND_NOTE = 'WebGL here is a software renderer (SwiftShader); wasm is faster on the CPU; 2 threads';
const RESTORED = 'restored from 2026-12-02T01:30:00.000Z (VAE, latent size 2, trained in advance for 20,000 steps)';

function idleLab(): LabController {
  const lab = new LabController(
    { latentDim: 2, hiddenDim: 16, conditional: false, seed: 1 },
    { learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce', reconReduction: 'mean', pixels: 'grey' },
    'cpu',
    'http://localhost/data/',
  );
  lab.store.setState({
    backend: 'wasm', backendNote: BACKEND_NOTE, error: DIVERGED, notices: [CONTEXT_LOST],
    modelSource: RESTORED, restoredFrom: '2026-12-02T01:30:00.000Z', lastSavedAt: '2026-12-02T01:31:00.000Z',
    loadNote: { latentDim: { from: 8, to: 2 } },
  });
  return lab;
}

const mount = mountPerTest();
afterEach(async () => {
  mount.unmount(); // first: a language change re-renders whatever is still mounted
  await i18n.changeLanguage('en');
});

function render(lab: LabController): string {
  const container = mount.render(
    <LabsProvider labs={testLabs(lab)}>
      <ErrorBanner />
      <TrainingStatus panelHref="#panel" />
      <TrainingPanel />
      <ConfirmReplace minutes={5} what="mine.vaelab" onExport={() => undefined} onReplace={() => undefined} onCancel={() => undefined} />
    </LabsProvider>,
  );
  return container.textContent ?? '';
}

/** Every title= and aria-label in the panel, which a reader meets as tooltips and screen-reader names. */
function attributes(): string[] {
  return [...mount.container.querySelectorAll('[title], [aria-label], [aria-valuetext]')]
    .flatMap((e) => ['title', 'aria-label', 'aria-valuetext'].map((a) => e.getAttribute(a)).filter((v): v is string => v !== null));
}

describe('the training panel in Chinese', () => {
  it('words its controls, metrics, menu, dialog and the worker\'s messages in Chinese', async () => {
    await act(() => i18n.changeLanguage('zh'));
    const text = render(idleLab());
    expect(text).toMatch(HAN);
    for (const english of ['Start training', 'Reset', 'backend', 'tensors', 'Showing', 'learning rate', 'batch size', 'latent size',
      'reconstruction', 'cross-entropy', 'squared error', 'over pixels', 'grey (as', 'binarized (a', 'beta (KL weight)', 'autoencoder',
      'collapse', 'Keys:', 'Skip ahead', 'Export', 'Import', 'Restored', 'Start fresh', 'saved in this browser', 'Replace your model',
      'Keep mine', 'diverged', 'WebGL context', 'software renderer', 'restored from', 'trained in advance', 'latent size 8',
      'unchanged', 'held-out', 'speed', 'samples/s', 'nats/pixel', 'mixed units']) {
      expect(text, english).not.toContain(english);
    }
    expect(text).toContain('隐变量维数 8 → 2');
    expect(text).toContain('训练在第 812 步发散');
    expect(text).toContain('恢复自');
    for (const value of attributes()) {
      // Tooltips and names are Chinese (or a formula/number); none is an English sentence.
      expect(value, value).not.toMatch(/\b(the|and|of|per|digits|held|presets|beta \d)\b/);
    }
    expect(attributes().join(' ')).toMatch(HAN);
  });

  it('keeps the English wording, word for word, in English', () => {
    const text = render(idleLab());
    for (const english of ['Start training', 'Reset', DIVERGED, CONTEXT_LOST, 'Showing: restored from', 'Replace your model?',
      'Keys: arrows step', 'The loaded model set latent size 8 → 2. ']) {
      expect(text, english).toContain(english);
    }
  });
});

describe('worker and model-file messages worded on the page', () => {
  const en = i18n.getFixedT('en');
  const zh = i18n.getFixedT('zh');

  it('reproduces each known English message exactly, so English readers see what the worker said', () => {
    for (const m of [DIVERGED, CONTEXT_LOST, IMPORT_REFUSED,
      'Training diverged at step 3: the loss became NaN or infinite. No earlier weights to restore; press reset. Lower the learning rate, or raise beta if it is 0 with squared error, then press start.',
      'The WebGL context was lost at step 5. Training moved to cpu and goes on from new weights (none had been saved yet).',
      'Could not load the model: the file is truncated. The current model is unchanged.',
      'The training worker failed: unknown error']) {
      expect(messageText(en, m)).toBe(m);
      expect(messageText(zh, m), m).toMatch(HAN);
    }
    for (const note of [BACKEND_NOTE, 'GPU: ANGLE (NVIDIA)', 'pinned by ?backend=cpu', 'webgl failed to start, fell back to wasm; 1 thread', 'WebGL context lost at step 9; moved to wasm']) {
      expect(backendNoteText(en, note)).toBe(note);
      expect(backendNoteText(zh, note), note).toMatch(HAN);
    }
  });

  it('words the refusals the model file code really throws', () => {
    const refusals: string[] = [];
    for (const bytes of [new Uint8Array(3), new TextEncoder().encode('NOTAVAELABFILE-PADDING-PADDING')]) {
      try {
        decodeModelFile(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(ModelFileError);
        refusals.push((err as Error).message);
      }
    }
    expect(refusals).toHaveLength(2);
    for (const reason of refusals) {
      expect(reasonText(en, reason)).toBe(reason);
      expect(reasonText(zh, reason), reason).toMatch(HAN);
    }
  });

  it('words why an export or a save was refused: a deadline, a lost context, a silent or stopped trainer', () => {
    const reasons = [
      new DeadlineError('reading the weights', READ_DEADLINE_MS).message,
      new ContextLostError('reading the weights').message,
      'the trainer did not answer within 20 s',
      'the trainer stopped (Aborted())',
    ];
    for (const reason of reasons) {
      expect(reasonText(en, reason)).toBe(reason);
      expect(reasonText(zh, reason), reason).toMatch(HAN);
      const save = `Could not save the model in this browser: ${reason}. Training goes on; export it to a file to keep it.`;
      expect(messageText(en, save)).toBe(save);
      expect(messageText(zh, save)).not.toContain(reason);
    }
  });

  it('leaves an unknown message in English rather than hiding it', () => {
    const odd = 'Something nobody anticipated happened';
    expect(messageText(zh, odd)).toBe(odd);
    expect(reasonText(zh, 'HTTP 404 for vae.vaelab')).toBe('HTTP 404 for vae.vaelab');
    expect(backendNoteText(zh, 'a new kind of note; 2 threads')).toBe('a new kind of note; 2 threads');
    expect(modelSourceText(zh, 'zh', 'a file from elsewhere')).toBe('a file from elsewhere');
  });

  it('formats the restore time for the reader and words the nested source', () => {
    const shown = modelSourceText(zh, 'zh', RESTORED);
    expect(shown).toMatch(/^恢复自 2026/);
    expect(shown).toContain('20,000');
    expect(shown).not.toContain('T01:30');
  });
});
