import { KlDivergenceFigure } from '../components/figures/KlDivergenceFigure';
import { Tex } from '../components/Tex';
import './pages.css';

export function WhyNormalPage() {
  return (
    <>
      <p className="lede">
        Of all the shapes a posterior could take, why a bell curve? Part of the answer is convenience, and part is a trap
        that other shapes fall into.
      </p>

      <section className="page-section">
        <h2>Where the KL divergence blows up</h2>
        <p>Recall the KL divergence, here between distributions over a code <Tex>z</Tex>, from a distribution <Tex>p</Tex> to a distribution <Tex>q</Tex>:</p>
        <Tex displayMode>{String.raw`\mathrm{KL}(p \,\|\, q) = \int p(z) \log \frac{p(z)}{q(z)}\, dz.`}</Tex>
        <p>
          Look at one point <Tex>z</Tex> where <Tex>{String.raw`p(z) > 0`}</Tex> but <Tex>{String.raw`q(z) = 0`}</Tex>. The
          ratio <Tex>{String.raw`p(z)/q(z)`}</Tex> is infinite there, and so is its logarithm. One such stretch of{' '}
          <Tex>z</Tex>, however short, makes the whole integral infinite. In words: <Tex>q</Tex> declared some outcomes
          impossible that <Tex>p</Tex> actually produces, and the KL punishes that without limit. (Where{' '}
          <Tex>{String.raw`p(z) = 0`}</Tex> nothing happens, since <Tex>{String.raw`0 \cdot \log 0`}</Tex> counts as 0.)
        </p>
        <p>
          A normal density is positive everywhere: it is small far from its centre but never zero. So between two normal
          distributions the KL is always finite, and the closed form of section 3 has no edge cases. The training loss can
          always be computed and always has a gradient.
        </p>
        <p>
          The convenience, named, is two things. Against a normal prior, a normal posterior has the closed-form KL of
          section 3, so that term needs no sampling at all and is exactly zero when the posterior equals the prior. And the
          normals form a <em>location-scale</em> family, every member is <Tex>{String.raw`\mu + \sigma\varepsilon`}</Tex> for
          one fixed <Tex>{String.raw`\varepsilon`}</Tex>, which is exactly what the reparameterization trick of section 4
          needs.
        </p>
        <p>
          The argument of this section has a limit, and it is worth stating. It rules out shapes that are zero somewhere;
          it does not single out the normal. A Laplace or a logistic posterior is also positive everywhere (and also
          location-scale, and its KL to a normal prior can also be written down), so it would pass this test too. What the
          test explains is why not a uniform. The normal is chosen over those other survivors for its simplicity and its
          match with the prior, not because anything else would fail.
        </p>
        <p>
          Suppose instead the posterior were uniform, flat on an interval <Tex>{String.raw`[a, b]`}</Tex> and zero outside,
          and the prior uniform on <Tex>{String.raw`[c, d]`}</Tex>. If <Tex>{String.raw`[a, b]`}</Tex> lies inside{' '}
          <Tex>{String.raw`[c, d]`}</Tex> the divergence is finite,{' '}
          <Tex>{String.raw`\log\frac{d - c}{b - a}`}</Tex>; let it stick out even slightly and it is infinite. Two different
          uniform distributions always leave such a region in one direction or the other. It can be patched, but every patch
          is a special case the optimizer must tiptoe around.
        </p>
      </section>

      <section className="page-section">
        <h2>See it: a KL calculator</h2>
        <p>
          When exactly is the KL finite? Choose a normal or a uniform for each of <Tex>p</Tex> and <Tex>q</Tex> and move their
          parameters. The calculator integrates numerically and checks the closed form; hatched regions mark where one density
          is zero and the other is not. Start from <em>Two uniforms</em>: both directions are infinite. Switch either one to a
          normal and at least one direction becomes finite; make both normal and both are.
        </p>
        <div className="figure-slot" data-testid="figure-why-normal">
          <KlDivergenceFigure />
        </div>
      </section>
    </>
  );
}
