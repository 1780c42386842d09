// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { LabController } from '../../src/hooks/labController';
import { LabContext } from '../../src/hooks/useLab';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// A lab that is never connected: no worker starts, the panels show their "loading" state.
function idleLab(): LabController {
  return new LabController(
    { latentDim: 2, hiddenDim: 16, conditional: false, seed: 1 },
    { learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
    'cpu',
    'http://localhost/data/',
  );
}

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  window.scrollTo = () => {};
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  window.location.hash = '';
});

async function go(hash: string) {
  await act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return Promise.resolve(); // an async act: it also flushes the updates the event scheduled
  });
}

function render() {
  act(() => root.render(<LabContext.Provider value={idleLab()}><App /></LabContext.Provider>));
}

const byTestId = (id: string) => container.querySelector(`[data-testid="${id}"]`);

describe('App routing', () => {
  it('shows the page the hash names, marks it in the contents, and links to its neighbours', () => {
    window.location.hash = '#/why-normal';
    render();
    expect(byTestId('page-why-normal')).not.toBeNull();
    expect(container.querySelectorAll('[data-testid^="page-"]')).toHaveLength(1);
    expect(byTestId('nav-why-normal')?.getAttribute('aria-current')).toBe('page');
    expect(byTestId('nav-kl')?.getAttribute('aria-current')).toBeNull();
    expect(container.querySelector('h1')?.textContent).toBe('Why a normal posterior');
    expect(byTestId('prev-link')?.getAttribute('href')).toBe('#/essence');
    expect(byTestId('next-link')?.getAttribute('href')).toBe('#/elbo');
    expect(container.querySelector('.katex')).not.toBeNull();
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
    const links = [...container.querySelectorAll('[data-testid="nav"] a')].map((a) => a.getAttribute('data-testid'));
    expect(links).toEqual(['nav-intro', 'nav-transform', 'nav-posterior', 'nav-kl', 'nav-reparam', 'nav-essence', 'nav-why-normal', 'nav-elbo', 'nav-cvae']);
  });

  it('falls back to the home screen with a message for an unknown section', () => {
    window.location.hash = '#/no-such-section';
    render();
    expect(byTestId('page-intro')).not.toBeNull();
    expect(container.textContent).toContain('There is no section called “no-such-section”');
  });
});
