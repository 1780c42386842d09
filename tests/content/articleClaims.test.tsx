// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { LabsProvider } from '../../src/hooks/sectionLab';
import { normalLogDensity } from '../../src/math/gaussian';
import { mulberry32 } from '../../src/math/random';
import { testLabs } from '../helpers/labs';
import { mountPerTest } from '../helpers/mountPerTest';

// Issue 10's corrections to the article, checked on the rendered pages (their text and the TeX
// source KaTeX keeps in each equation's MathML annotation), so a later edit that brings a wrong
// statement back fails here.

const mount = mountPerTest();
beforeEach(() => {
  window.scrollTo = () => {};
});
afterEach(() => {
  mount.unmount(); // first: the shell follows the hash while mounted
  window.location.hash = '';
});

function show(id: string): { text: string; tex: string[] } {
  window.location.hash = `#/${id}`;
  const container = mount.render(<LabsProvider labs={testLabs()}><App /></LabsProvider>);
  const page = container.querySelector(`[data-testid="page-${id}"]`);
  if (!page) throw new Error(`page ${id} did not render`);
  const tex = [...page.querySelectorAll('annotation[encoding="application/x-tex"]')].map((a) => a.textContent ?? '');
  return { text: (page.textContent ?? '').replace(/\s+/g, ' '), tex };
}

const texWith = (tex: string[], piece: string) => tex.filter((t) => t.includes(piece));

describe('the article after issue 10', () => {
  it('writes the aggregate posterior with the encoder q and the data distribution, not the true posterior', () => {
    const { text, tex } = show('kl');
    const aggregate = texWith(tex, String.raw`\sum_x q(z \mid x)\, \tilde p(x)`);
    expect(aggregate).toHaveLength(1);
    expect(aggregate[0]).toMatch(/^\\begin\{aligned\} q\(z\) &=/);
    expect(aggregate[0]).toContain(String.raw`= \mathcal{N}(0, I). \end{aligned}`);
    // The true-posterior version may appear only as the vacuous identity the page warns about.
    expect(texWith(tex, String.raw`\sum_x p(z \mid x)\, p(x) = p(z)`)).toHaveLength(1);
    expect(text).toContain('aggregate posterior');
    expect(text).toMatch(/would prove nothing/);
  });

  it('shows the notation box on the posterior page with the symbols the other pages use', () => {
    show('posterior');
    const box = mount.container.querySelector('[data-testid="notation"]');
    expect(box).not.toBeNull();
    const symbols = [...box!.querySelectorAll('dt annotation')].map((a) => a.textContent);
    expect(symbols).toEqual([
      'x', 'z', String.raw`\tilde p(x)`, String.raw`p(z) = \mathcal{N}(0, I)`, String.raw`p(x \mid z)`,
      String.raw`q(z \mid x) = \mathcal{N}\big(\mu, \operatorname{diag}\sigma^2\big)`,
      String.raw`p(z \mid x) = \frac{p(x \mid z)\,p(z)}{p(x)}`, String.raw`q(z) = \sum_x q(z \mid x)\,\tilde p(x)`,
    ]);
  });

  it('uses one notation: lower-case x and z in every equation of the pages issue 10 rewrote', () => {
    const capitalVariable = /(?<![\\A-Za-z{])[XZ](?![A-Za-z])/;
    for (const id of ['transform', 'posterior', 'kl', 'reparam', 'essence', 'why-normal', 'elbo']) {
      const { tex } = show(id);
      expect(tex.length, id).toBeGreaterThan(0);
      expect(tex.filter((t) => capitalVariable.test(t)), id).toEqual([]);
    }
  });

  it('no longer calls the beta = 1 loss "precisely -ELBO", and says what it estimates', () => {
    const { text } = show('elbo');
    expect(text).not.toMatch(/precisely/i);
    expect(text).toMatch(/one-sample estimate/);
    expect(text).toMatch(/binarized pixels/);
    expect(text).toMatch(/mean-field/);
    expect(text).toMatch(/Jensen/);
    expect(text).toMatch(/An aside/);
  });

  it('gives the units honestly on the KL page: no blanket "both terms are in nats"', () => {
    const { text, tex } = show('kl');
    expect(text).not.toMatch(/Both terms are in nats/);
    expect(text).toMatch(/one-sample Monte Carlo estimate/);
    expect(text).toMatch(/pixels setting/);
    expect(text).toMatch(/not log-probabilities/);
    expect(texWith(tex, String.raw`-\log \mathcal{N}\big(x;\ \hat x,\ \tfrac12 I\big) = \sum_{j=1}^{784} (x_j - \hat x_j)^2 + 392 \log \pi`)).toHaveLength(1);
  });

  it("states the squared-error identity's constant correctly (checked against the normal density itself)", () => {
    // -log N(x; xhat, 1/2 I) from the density, pixel by pixel, against sum (x - xhat)^2 + 392 log pi.
    const rand = mulberry32(7);
    let fromDensity = 0;
    let squared = 0;
    for (let j = 0; j < 784; j++) {
      const x = rand();
      const xhat = rand();
      const variance = 0.5;
      fromDensity -= normalLogDensity(x, xhat, Math.sqrt(variance));
      squared += (x - xhat) ** 2;
    }
    expect(fromDensity).toBeCloseTo(squared + 392 * Math.log(Math.PI), 8);
  });

  it('puts the denoising autoencoder’s noise on the input and argues the tug of war from slopes', () => {
    const { text } = show('essence');
    expect(text).toMatch(/denoising autoencoder also trains with noise, but it adds the noise to the input/);
    expect(text).toMatch(/compares slopes/);
    expect(text).toMatch(/one more nat of KL would buy exactly β.{0,40}nats less reconstruction error/);
    expect(text).not.toMatch(/KL’s share of the loss/);
  });

  it('fixes the small ones: no "nothing is pre-baked", the convenience named and its limit stated', () => {
    expect(show('intro').text).not.toMatch(/pre-baked/i);
    const why = show('why-normal').text;
    expect(why).toMatch(/location-scale/);
    expect(why).toMatch(/Laplace or a logistic posterior/);
    const transform = show('transform').text;
    expect(transform).toMatch(/not a sample of coin flips/);
    expect(show('posterior').text).toMatch(/uncertainty about the code/);
  });
});
