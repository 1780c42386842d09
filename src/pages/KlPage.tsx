import { KlPartsFigure } from '../components/figures/KlPartsFigure';
import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { KlBarsView } from '../components/instruments/KlBarsView';
import { LatentMapView } from '../components/instruments/LatentMapView';
import { ReconstructionsView } from '../components/instruments/ReconstructionsView';
import './pages.css';

const KL_CLOSED_FORM = String.raw`\mathrm{KL}\Big(\mathcal{N}(\mu, \sigma^2)\,\Big\|\,\mathcal{N}(0, 1)\Big) = \tfrac12\big(\mu^2 + \sigma^2 - \log\sigma^2 - 1\big)`;

export function KlPage() {
  return (
    <>
      <p className="lede">
        Reconstruction alone quietly undoes the whole idea of the last section. A second term in the loss keeps every
        digit’s cloud honest.
      </p>

      <section className="page-section">
        <h2>Why the clouds would shrink to points</h2>
        <p>
          The reconstruction error is smallest when the decoder always receives exactly the same code for the same image.
          Randomness in <Tex>{String.raw`z_k`}</Tex> can only hurt it. So if reconstruction were the only goal, training would
          push every <Tex>{String.raw`\sigma_k`}</Tex> toward zero: each cloud would collapse to the point{' '}
          <Tex>{String.raw`\mu_k`}</Tex>, and the VAE would be an ordinary autoencoder. Its codes could sit anywhere, in islands
          with empty gaps between them, and a code drawn from the prior <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex> would
          usually land in a gap that the decoder has never seen. The model would reconstruct well and generate garbage.
        </p>
      </section>

      <section className="page-section">
        <h2>Pull every posterior toward the prior</h2>
        <p>
          The VAE therefore also pulls every encoder posterior <Tex>{String.raw`q(z \mid x)`}</Tex> toward the standard
          normal. To see why that is the right target, suppose the pull succeeded completely. Mix the clouds of all the
          training digits, each weighted by how often it is picked from the data, <Tex>{String.raw`\tilde p(x)`}</Tex>: the
          result is the distribution of codes the decoder meets during training, the <em>aggregate posterior</em>,
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} q(z) &= \sum_x q(z \mid x)\, \tilde p(x) = \sum_x \mathcal{N}(0, I)\, \tilde p(x) \\ &= \mathcal{N}(0, I) \sum_x \tilde p(x) = \mathcal{N}(0, I). \end{aligned}`}</Tex>
        <p>
          The last step uses only that the probabilities of all training images add up to 1. So if the encoder’s posteriors
          stay close to <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>, the codes as a whole fill the prior with no gaps, and the
          prior is a fair place to draw codes from when generating. They cannot equal it exactly, of course: then the code
          would say nothing about the image. The two terms have to compromise.
        </p>
        <p>
          It matters that this is written with <Tex>q</Tex>. The same sum with the model’s true posterior,{' '}
          <Tex>{String.raw`\sum_x p(z \mid x)\, p(x) = p(z)`}</Tex>, holds for every model whatsoever (it only adds up the
          joint distribution <Tex>{String.raw`p(x, z)`}</Tex> over images), so it would prove nothing. The claim with{' '}
          <Tex>q</Tex> is a real one, about what the encoder has learned, and it can fail.
        </p>
        <p>
          A first idea is to add two penalties, <Tex>{String.raw`\|f_1(x)\|^2`}</Tex> to drag the centres{' '}
          <Tex>{String.raw`\mu`}</Tex> to 0 and <Tex>{String.raw`\|f_2(x)\|^2`}</Tex> to drag <Tex>{String.raw`\log\sigma^2`}</Tex>{' '}
          to 0 (that is, <Tex>{String.raw`\sigma`}</Tex> to 1). That leaves two weights to tune against each other and against
          the reconstruction. The VAE uses a single measure of how far one distribution is from another, the KL divergence,
          which for one coordinate has a closed form:
        </p>
        <Tex displayMode>{KL_CLOSED_FORM}</Tex>
        <p>
          With <Tex>d</Tex> independent coordinates the divergences add, <Tex>{String.raw`\tfrac12\sum_{i=1}^{d}(\mu_i^2 + \sigma_i^2 - \log\sigma_i^2 - 1)`}</Tex>.
          It splits cleanly into a part for the mean, <Tex>{String.raw`\mu^2`}</Tex>, smallest at <Tex>{String.raw`\mu = 0`}</Tex>,
          and a part for the variance, <Tex>{String.raw`\sigma^2 - \log\sigma^2 - 1`}</Tex>, which is never negative and is
          zero only at <Tex>{String.raw`\sigma = 1`}</Tex> (its derivative in <Tex>{String.raw`\sigma^2`}</Tex> is{' '}
          <Tex>{String.raw`1 - 1/\sigma^2`}</Tex>). Both parts come weighted by the same <Tex>{String.raw`\tfrac12`}</Tex>: no
          ratio to choose.
        </p>
        <p>Pull on each part separately and watch the other stay put.</p>
        <div className="figure-slot" data-testid="figure-kl-parts">
          <KlPartsFigure />
        </div>
        <details className="derivation">
          <summary>Derivation of the closed form (one coordinate)</summary>
          <p>
            Write <Tex>{String.raw`q(z) = \frac{1}{\sqrt{2\pi\sigma^2}} e^{-(z-\mu)^2/2\sigma^2}`}</Tex> for the posterior’s density
            and <Tex>{String.raw`p(z) = \frac{1}{\sqrt{2\pi}} e^{-z^2/2}`}</Tex> for the standard normal. The ratio of the
            two densities has a simple logarithm, because the exponentials turn into their exponents:
          </p>
          <Tex displayMode>{String.raw`\log\frac{q(z)}{p(z)} = \tfrac12\Big(-\log\sigma^2 + z^2 - \frac{(z-\mu)^2}{\sigma^2}\Big).`}</Tex>
          <p>The KL divergence averages this over <Tex>q</Tex>, so it splits into three integrals:</p>
          <Tex displayMode>{String.raw`\begin{aligned} \mathrm{KL}(q\,\|\,p) = \tfrac12\Big(&-\log\sigma^2 \underbrace{\int q(z)\,dz}_{=\,1} + \underbrace{\int z^2 q(z)\,dz}_{=\,\mu^2 + \sigma^2} \\ &- \frac{1}{\sigma^2}\underbrace{\int (z-\mu)^2 q(z)\,dz}_{=\,\sigma^2}\Big). \end{aligned}`}</Tex>
          <p>
            The first integral is 1 because <Tex>q</Tex> is a density. The second is the average of <Tex>{String.raw`z^2`}</Tex>,
            which is the variance plus the square of the mean. The third is the variance itself, so that term is{' '}
            <Tex>{String.raw`-1`}</Tex>. Altogether:
          </p>
          <Tex displayMode>{String.raw`\mathrm{KL}(q\,\|\,p) = \tfrac12\big(-\log\sigma^2 + \mu^2 + \sigma^2 - 1\big).`}</Tex>
        </details>
      </section>

      <section className="page-section">
        <h2>The loss, and the knob β</h2>
        <p>
          Putting the two terms together, the loss for one image <Tex>x</Tex> with pixels <Tex>{String.raw`x_j`}</Tex> is
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} \mathcal{L}(x) = &\underbrace{-\sum_{j=1}^{784}\big[x_j \log \hat x_j + (1 - x_j)\log(1 - \hat x_j)\big]}_{\text{reconstruction}} \\ &+\; \beta \cdot \underbrace{\tfrac12\sum_{i=1}^{d}\big(\mu_i^2 + \sigma_i^2 - \log\sigma_i^2 - 1\big)}_{\text{KL}}, \\ &\text{with } \hat x = g(z),\quad z = \mu + \sigma \odot \varepsilon,\quad \varepsilon \sim \mathcal{N}(0, I), \end{aligned}`}</Tex>
        <p>
          averaged over a batch of images. The weight <Tex>{String.raw`\beta`}</Tex> (beta) is 1 in the original VAE; other
          values give a “β-VAE”. Turning it is the quickest way to see what each term does.
        </p>
        <p>
          The two terms are computed differently. The KL is exact: the closed form above, evaluated on the encoder’s{' '}
          <Tex>{String.raw`\mu`}</Tex> and <Tex>{String.raw`\sigma`}</Tex>. The reconstruction term is meant as an average
          over the whole cloud, <Tex>{String.raw`\mathbb{E}_{q(z \mid x)}\big[-\log p(x \mid z)\big]`}</Tex>, and that
          average has no closed form. So at every step the trainer draws one <Tex>{String.raw`\varepsilon`}</Tex> per digit,
          decodes that single code, and uses the result: a <em>one-sample Monte Carlo estimate</em>, noisy from step to step
          but right on average, which is all gradient descent needs. The next section shows why this draw can still be
          differentiated.
        </p>
        <p>
          What unit are these numbers in? The KL is in <em>nats</em>, the unit of information when logarithms are natural.
          The reconstruction term is in nats only when it really is <Tex>{String.raw`-\log p(x \mid z)`}</Tex> for a
          probability distribution over the images being scored. With the coin-per-pixel decoder of section 1, that needs
          pixels that are 0 or 1. MNIST’s pixels are grey levels, and by default this lab, like most tutorials, feeds them in
          as they are. The cross-entropy is still a sensible loss (for each pixel it is smallest when{' '}
          <Tex>{String.raw`\hat x_j = x_j`}</Tex>), but as a function of a grey image the product of coin probabilities does
          not in general integrate to 1 over <Tex>{String.raw`[0, 1]^{784}`}</Tex>, so it is not a normalized likelihood, its values are
          not log-probabilities, and “nats” is only a manner of speaking. The panel’s <em>pixels</em> setting offers the honest version: <em>binarized</em> draws
          each pixel on or off, with its grey level as the probability, afresh at every step (the held-out digits are
          binarized once, so their score stays comparable). Then the reconstruction term
          is a true Bernoulli <Tex>{String.raw`-\log p(x \mid z)`}</Tex> and both terms are in nats.
        </p>
        <p>
          The panel also offers squared error, <Tex>{String.raw`\sum_j (x_j - \hat x_j)^2`}</Tex>. That too is a negative
          log-likelihood, of a different decoder: a normal distribution around <Tex>{String.raw`\hat x`}</Tex> with the
          variance fixed at <Tex>{String.raw`\tfrac12`}</Tex> for every pixel,
        </p>
        <Tex displayMode>{String.raw`-\log \mathcal{N}\big(x;\ \hat x,\ \tfrac12 I\big) = \sum_{j=1}^{784} (x_j - \hat x_j)^2 + 392 \log \pi.`}</Tex>
        <p>
          The constant does not affect training. The fixed variance does: with variance <Tex>{String.raw`s^2`}</Tex> the
          squared error would be divided by <Tex>{String.raw`2s^2`}</Tex>, which moves the optimum exactly as multiplying{' '}
          <Tex>{String.raw`\beta`}</Tex> by <Tex>{String.raw`2s^2`}</Tex> would. So choosing squared error silently chooses how
          reconstruction is weighed against the KL. And it is the log of a <em>density</em> of continuous pixel values,
          whose size depends on that arbitrary variance, not the log of a probability as in the binarized case; the panel
          does not call it nats.
        </p>
        <p className="callout">
          <strong>A classic bug.</strong> Notice the reconstruction is <em>summed</em> over the 784 pixels and the KL over the{' '}
          <Tex>d</Tex> coordinates; only the batch is averaged. Replace that pixel sum by a pixel mean (one innocent{' '}
          <code>reduce_mean</code>) and the reconstruction shrinks 784-fold against the KL. The KL then wins outright: every
          posterior becomes <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>, the KL reads nearly 0, and every output is the same
          blurry average digit. The <em>over pixels</em> menu in the panel below lets you commit the bug on purpose.
        </p>
      </section>

      <section className="page-section">
        <h2>See it: from autoencoder to collapse</h2>
        <p>
          What does the KL term actually buy, and what happens when it is too weak or too strong? Train for a minute at{' '}
          <Tex>{String.raw`\beta = 1`}</Tex> (or skip ahead with the trained model), then press Home on the β slider to set it
          to 0: the clouds on the map shrink to dots, gaps open between the digit classes, and the KL bars grow. Now press End
          for β = 100. We did this with the shipped model at the app’s learning rate (in node, on the same code): the KL fell
          from about 6.5 nats to about 1 within 7 training steps, to 0.25 by step 100, first went under 0.1 after about 160
          steps and read 0.04 at step 400.
          The centres crowd to the origin, the selected digit’s ellipse swells toward the unit circle, the KL bars
          fall toward zero (the “collapsed” dimensions carry no information about the image), and every reconstruction turns
          into the same blur. A milder β is not enough for this model: at β = 20 its KL was still about 1.5 nats after 400
          steps. The key 1 (or the “1 · VAE” button) brings β straight back to 1.
        </p>
        <TrainingPanel />
        <div className="figure-slot figure-wide" data-testid="figure-kl">
          <LatentMapView showAggregate />
          <div className="figure-stack">
            <h3 className="figure-title">KL per latent dimension (nats)</h3>
            <KlBarsView />
          </div>
          <div className="figure-span">
            <ReconstructionsView />
          </div>
        </div>
      </section>
    </>
  );
}
