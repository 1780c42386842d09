import { ElboGapFigure } from '../components/figures/ElboGapFigure';
import { KlFitFigure } from '../components/figures/KlFitFigure';
import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { TruePosteriorView } from '../components/instruments/TruePosteriorView';
import './pages.css';

export function ElboPage() {
  return (
    <>
      <p className="lede">
        So far the VAE has been built from intuitions: a cloud per image, a pull toward the prior. One identity shows that
        the same loss falls out of probability theory, and it explains the word “variational”.
      </p>

      <section className="page-section">
        <h2>What “variational” means</h2>
        <p>
          The name comes from <em>variational inference</em>: when a distribution is too hard to compute, here the true
          posterior <Tex>{String.raw`p(z \mid x)`}</Tex>, choose a family of simple distributions and search it for the
          member closest to the one you want. The search is over distributions, that is, over functions, which is the
          business of the <em>calculus of variations</em>; hence the word. Restricting to a family with a few parameters turns
          it into ordinary optimization over those parameters. The VAE’s family is the normal distributions with independent
          coordinates, <Tex>{String.raw`q(z \mid x) = \mathcal{N}\big(\mu, \operatorname{diag}(\sigma^2)\big)`}</Tex>; a family
          whose members factor into one independent piece per coordinate is called <em>mean-field</em>. And instead of
          fitting <Tex>{String.raw`\mu`}</Tex> and <Tex>{String.raw`\sigma`}</Tex> afresh for every image, the encoder learns one
          function that outputs them for any image.
        </p>
        <p>
          “Closest” is measured with the KL divergence, and the argument below rests on one property of it:
        </p>
        <Tex displayMode>{String.raw`\mathrm{KL}(q \,\|\, p) = -\,\mathbb{E}_q\Big[\log\frac{p}{q}\Big] \;\ge\; -\log \mathbb{E}_q\Big[\frac{p}{q}\Big] = -\log \int p = 0,`}</Tex>
        <p>
          by Jensen’s inequality (the logarithm is concave), with equality exactly when <Tex>q = p</Tex>. This is Gibbs’
          inequality.
        </p>
        <p>
          Variational inference fits <Tex>{String.raw`q`}</Tex> by the <em>reverse</em> KL,{' '}
          <Tex>{String.raw`\mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big)`}</Tex>, the approximation first, and there is a
          practical reason. Averaging over <Tex>q</Tex> needs only samples from <Tex>q</Tex>, which we can draw, and the value
          of <Tex>{String.raw`\log p(x, z) = \log p(x \mid z) + \log p(z)`}</Tex>, which we can compute; the unknown{' '}
          <Tex>{String.raw`\log p(x)`}</Tex> enters only as a constant, as the next section shows. The forward KL,{' '}
          <Tex>{String.raw`\mathrm{KL}(p(z \mid x) \,\|\, q)`}</Tex>, is an average under the true posterior itself, which we
          can neither sample from nor evaluate.
        </p>
        <p className="callout">
          <strong>An aside: a lighter reading.</strong> Su Jianlin’s essay, whose argument these pages follow, takes a
          deliberately modest view of the word. The KL divergence takes two whole densities and returns one number, so it is
          a <em>functional</em>, and its basic property above (never negative, zero only when the two agree) is the kind of
          result the calculus of variations delivers. Admit that property, the essay argues, and the rest of the VAE needs no
          calculus of variations at all: ordinary gradient descent does the work.
        </p>
      </section>

      <section className="page-section">
        <h2>The evidence lower bound</h2>
        <p>
          The quantity we would really like to maximize is <Tex>{String.raw`\log p(x)`}</Tex>, the log-probability the model
          gives a real image <Tex>x</Tex> (the <em>evidence</em>). Bring in the encoder’s posterior{' '}
          <Tex>{String.raw`q(z \mid x)`}</Tex> and the true posterior <Tex>{String.raw`p(z \mid x)`}</Tex>, the one we could not
          compute. Since <Tex>{String.raw`p(x) = p(x, z)/p(z \mid x)`}</Tex> for any code <Tex>z</Tex>, averaging the logarithm
          over <Tex>{String.raw`z \sim q(z \mid x)`}</Tex> and multiplying inside by <Tex>{String.raw`q/q = 1`}</Tex> gives</p>
        <Tex displayMode>{String.raw`\begin{aligned} \log p(x) &= \mathbb{E}_{q(z \mid x)}\!\left[\log \frac{p(x, z)}{p(z \mid x)}\right] \\ &= \mathbb{E}_{q(z \mid x)}\!\left[\log \frac{p(x, z)}{q(z \mid x)}\right] + \mathbb{E}_{q(z \mid x)}\!\left[\log \frac{q(z \mid x)}{p(z \mid x)}\right]. \end{aligned}`}</Tex>
        <p>
          The second average is by definition <Tex>{String.raw`\mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big)`}</Tex>. The
          first, with <Tex>{String.raw`p(x, z) = p(x \mid z)\,p(z)`}</Tex>, splits into two familiar pieces and is called the{' '}
          <em>evidence lower bound</em>, or ELBO:
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} \log p(x) = &\underbrace{\mathbb{E}_{q(z \mid x)}\big[\log p(x \mid z)\big] - \mathrm{KL}\big(q(z \mid x) \,\|\, p(z)\big)}_{\text{ELBO}} \\ &+\; \mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big). \end{aligned}`}</Tex>
        <p>
          The last term is a KL divergence, so it is never negative, and the ELBO is never above <Tex>{String.raw`\log p(x)`}</Tex>:
          a lower bound. Now read the ELBO’s two pieces. The first is the average log-probability of getting the image back from
          codes drawn from its posterior: minus the expected reconstruction error (cross-entropy is exactly{' '}
          <Tex>{String.raw`-\log p(x \mid z)`}</Tex> when each pixel is an independent coin and the pixels are 0 or 1). The
          second is the KL regularizer of section 3.
        </p>
        <p>
          So the loss this lab trains, at <Tex>{String.raw`\beta = 1`}</Tex>, is an estimate of{' '}
          <Tex>{String.raw`-\text{ELBO}`}</Tex>, with two qualifications. It is a <em>one-sample</em> estimate: the KL is
          exact, but the expected reconstruction is replaced by its value at one code drawn per digit, a fresh one every step.
          And it estimates a true <Tex>{String.raw`-\text{ELBO}`}</Tex> only with <em>binarized</em> pixels (the panel’s{' '}
          <em>pixels</em> setting). With grey pixels, the default, the cross-entropy is not the log of a normalized{' '}
          <Tex>{String.raw`p(x \mid z)`}</Tex>, and the loss has the ELBO’s shape without being the −ELBO of the coin-per-pixel model. The
          training panel’s “held-out −ELBO” is the same one-sample number, computed on digits the model never trains on.
        </p>
        <p>The identity can be checked by hand on a model small enough to integrate exactly.</p>
        <div className="figure-slot" data-testid="figure-elbo-gap">
          <ElboGapFigure />
        </div>
        <p>
          Since <Tex>{String.raw`\log p(x)`}</Tex> does not depend on the encoder, raising the ELBO by improving <Tex>q</Tex> must
          shrink the gap <Tex>{String.raw`\mathrm{KL}(q(z \mid x) \,\|\, p(z \mid x))`}</Tex>. One loss does two jobs: it fits
          the data, and it pulls the encoder’s normal clouds toward the true posteriors.
        </p>
      </section>

      <section className="page-section" id="true-posterior-section">
        <h2>The gap, measured: the true posterior of one digit</h2>
        <p>
          Usually <Tex>{String.raw`\log p(x)`}</Tex> and <Tex>{String.raw`p(z \mid x)`}</Tex> are out of reach, which is why the
          ELBO exists. With a two-number code they are not. For one digit <Tex>x</Tex>, the decoder gives{' '}
          <Tex>{String.raw`p(x \mid z)\,p(z)`}</Tex> at any point of the plane, so VAE Lab evaluates it on a grid and adds up:
        </p>
        <Tex displayMode>{String.raw`\log p(x) \approx \log \sum_{i} p(x \mid z_i)\,p(z_i)\,\Delta_i, \qquad p(z_i \mid x) = \frac{p(x \mid z_i)\,p(z_i)}{p(x)},`}</Tex>
        <p>
          with <Tex>{String.raw`\Delta_i`}</Tex> the area of grid cell <Tex>i</Tex> and the sum taken in log space so that
          numbers like <Tex>{String.raw`e^{-200}`}</Tex> do not underflow. The grid covers both the prior’s bulk and the
          encoder’s ellipse, and is refined where the posterior lives: a grid drawn around <Tex>q</Tex> alone can miss a second
          lobe of the posterior that <Tex>q</Tex> never reached, and that lobe is exactly what this figure is for. Every term of
          the identity above is then a measured number: <Tex>{String.raw`\log p(x)`}</Tex>, the ELBO of the encoder’s{' '}
          <Tex>q</Tex>, and the gap between them, <Tex>{String.raw`\mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big)`}</Tex>.
        </p>
        <p>
          Cremer, Li and Duvenaud, in “Inference Suboptimality in Variational Autoencoders” (ICML 2018), drew these pictures
          offline for small-code MNIST models and split the gap in two. Even the best normal distribution for this one digit,
          found here by a few hundred steps of gradient ascent on the digit’s own ELBO starting from the encoder’s guess, is
          still a single ellipse; the distance from its ELBO to <Tex>{String.raw`\log p(x)`}</Tex> is the{' '}
          <em>approximation gap</em>, the price of choosing a Gaussian at all. The encoder does not fit each digit separately:
          one network serves all 60,000, and the distance from its <Tex>q</Tex> to that best ellipse is the{' '}
          <em>amortization gap</em>, the price of sharing. Here both are computed live, on the model in the panel.
        </p>
        <TrainingPanel compact />
        <div className="figure-slot figure-wide" data-testid="figure-true-posterior">
          <TruePosteriorView />
        </div>
        <p>
          Pick a digit by number, step through them, or arrive with <code>?digit=N</code> in the address. Press <em>Skip ahead</em>
          to load the trained model, or train and watch the heat map and the numbers follow the model as it learns. When the posterior is curved or has two lobes, the green ellipse cannot
          follow it and the approximation gap grows; when the green and orange ellipses sit apart, the encoder is the weak
          link. Move β in the panel to see the posterior when the KL term is over- or under-weighted. (The held-out
          “−log p(x)” in the panel is the same quantity averaged over 1,000 test digits, estimated with 1,000 samples from{' '}
          <Tex>q</Tex> per digit, importance-weighted; for a two-number code the panel also shows the grid’s exact value on
          the first 100 digits.) Importance weighting is only as good as <Tex>q</Tex>’s reach: its average is a lower bound
          on <Tex>{String.raw`\log p(x)`}</Tex> that is tight when <Tex>q</Tex> covers the posterior. The shipped model’s
          encoder is very sure of itself, and for some digits it looks in the wrong place: on test digits 7, 8 and 11 the
          estimate from 1,000 samples falls 15 to 27 nats short of the grid, which sampling from the prior confirms. For a
          two-number code, trust the grid.
        </p>
      </section>

      <section className="page-section">
        <h2>Which way round: forward and reverse KL</h2>
        <p>
          The KL divergence is not symmetric, and the ELBO uses it in a particular direction: <Tex>{String.raw`\mathrm{KL}(q \,\|\, p)`}</Tex>,
          the approximation first. This <em>reverse</em> KL averages over <Tex>q</Tex>, so it punishes <Tex>q</Tex> heavily for
          putting mass where <Tex>p</Tex> has almost none (the log of a tiny <Tex>p</Tex> is hugely negative), and it does not
          mind if <Tex>q</Tex> ignores part of <Tex>p</Tex>. It is called <em>zero-forcing</em> and <em>mode-seeking</em>:
          where <Tex>p</Tex> is zero, <Tex>q</Tex> is forced to zero, and a simple <Tex>q</Tex> settles under one peak of a
          complicated <Tex>p</Tex>. The <em>forward</em> KL, <Tex>{String.raw`\mathrm{KL}(p \,\|\, q)`}</Tex>, is the opposite:
          it punishes <Tex>q</Tex> for missing anything <Tex>p</Tex> produces (the trap of the previous section), so{' '}
          <Tex>q</Tex> stretches to cover all of <Tex>p</Tex>, peaks and the valley between them.
        </p>
        <p>
          What does each direction do to a single bell curve asked to imitate a target with two peaks? The figure runs
          gradient descent on the bell curve’s centre and width under each divergence, side by side. Press <em>Play</em>.
        </p>
        <div className="figure-slot" data-testid="figure-elbo">
          <KlFitFigure />
        </div>
        <p>
          That preference explains a known trait of VAEs: their posteriors tend to be too narrow rather than too broad, because
          a narrow cloud that sits inside the true posterior is cheap under the reverse KL, while one that spills outside it is
          expensive.
        </p>
      </section>
    </>
  );
}
