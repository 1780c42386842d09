// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelMenu } from '../../src/components/ModelMenu';
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
