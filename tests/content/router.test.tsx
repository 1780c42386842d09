// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { LabsProvider, type Labs } from '../../src/hooks/sectionLab';
import { idleLab, testLabs } from '../helpers/labs';
import { mountPerTest } from '../helpers/mountPerTest';

const mount = mountPerTest();
beforeEach(() => {
  window.scrollTo = () => {};
});
afterEach(() => {
  mount.unmount(); // first: the shell follows the hash while mounted
  window.location.hash = '';
});

async function go(hash: string) {
  await act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return Promise.resolve(); // an async act: it also flushes the updates the event scheduled
  });
}

function render(labs: Labs = testLabs()) {
  mount.render(<LabsProvider labs={labs}><App /></LabsProvider>);
}

const byTestId = (id: string) => mount.container.querySelector(`[data-testid="${id}"]`);

describe('App routing', () => {
  it('shows the page the hash names, marks it in the contents, and links to its neighbours', () => {
    window.location.hash = '#/why-normal';
    render();
    expect(byTestId('page-why-normal')).not.toBeNull();
    expect(mount.container.querySelectorAll('[data-testid^="page-"]')).toHaveLength(1);
    expect(byTestId('nav-why-normal')?.getAttribute('aria-current')).toBe('page');
    expect(byTestId('nav-kl')?.getAttribute('aria-current')).toBeNull();
    expect(mount.container.querySelector('h1')?.textContent).toBe('Why a normal posterior');
    expect(byTestId('prev-link')?.getAttribute('href')).toBe('#/essence');
    expect(byTestId('next-link')?.getAttribute('href')).toBe('#/elbo');
    expect(mount.container.querySelector('.katex')).not.toBeNull();
  });

  it('follows hash changes and moves focus to the new heading', async () => {
    window.location.hash = '#/why-normal';
    render();
    await go('#/elbo');
    expect(byTestId('page-elbo')).not.toBeNull();
    expect(byTestId('page-why-normal')).toBeNull();
    expect(document.activeElement?.id).toBe('page-title');
    expect(document.title).toContain('Where the “variational” is');
  });

  it('lists every page in the contents', () => {
    render();
    const links = [...mount.container.querySelectorAll('[data-testid="nav"] a')].map((a) => a.getAttribute('data-testid'));
    expect(links).toEqual(['nav-intro', 'nav-transform', 'nav-posterior', 'nav-kl', 'nav-reparam', 'nav-essence', 'nav-why-normal', 'nav-elbo', 'nav-cvae']);
  });

  it('falls back to the home screen with a message for an unknown section', () => {
    window.location.hash = '#/no-such-section';
    render();
    expect(byTestId('page-intro')).not.toBeNull();
    expect(mount.container.textContent).toContain('There is no section called “no-such-section”');
  });

  it('gives a page the lab its section names, and asks for the CVAE only when its page is shown', async () => {
    const main = idleLab();
    const cvae = idleLab({ conditional: true });
    main.store.setState((s) => ({ settings: { ...s.settings, klWeight: 2.5 } }));
    const labs = testLabs(main, cvae);
    window.location.hash = '#/kl';
    render(labs);
    expect(labs.asked).not.toContain('cvae');

    await go('#/cvae');
    expect(labs.asked).toContain('cvae');
    // The CVAE's settings note reads the CVAE (beta 1) and names the main model's beta beside it.
    expect(byTestId('cvae-beta')?.textContent).toBe('1.00');
    expect(byTestId('cvae-main-beta')?.textContent).toBe('2.50');
    act(() => cvae.store.setState({ classAccuracy: { step: 700, accuracy: 0.5, perClass: Array<number>(10).fill(0.5) } }));
    expect(byTestId('cvae-accuracy-prose')?.textContent).toBe('50.0%');
    // A choice on the page resets the CVAE, not the main model.
    const kind = byTestId('cvae-kind') as HTMLSelectElement;
    act(() => {
      kind.value = 'standard';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(cvae.store.getState().config.kind).toBe('standard');
    expect(main.store.getState().config.kind).toBeUndefined();
  });
});
