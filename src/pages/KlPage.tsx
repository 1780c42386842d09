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
          Randomness in <Tex>{String.raw`Z_k`}</Tex> can only hurt it. So if reconstruction were the only goal, training would
          push every <Tex>{String.raw`\sigma_k`}</Tex> toward zero: each cloud would collapse to the point{' '}
          <Tex>{String.raw`\mu_k`}</Tex>, and the VAE would be an ordinary autoencoder. Its codes could sit anywhere, in islands
          with empty gaps between them, and a code drawn from the prior <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex> would
          usually land in a gap that the decoder has never seen. The model would reconstruct well and generate garbage.
        </p>
      </section>

      <section className="page-section">
        <h2>Pull every posterior toward the prior</h2>
        <p>
          The VAE therefore also pulls every posterior <Tex>{String.raw`q(Z \mid X)`}</Tex> toward the standard normal. To see why
          that is the right target, suppose the pull succeeded completely. The distribution of codes over the whole data set
          mixes the posteriors of all images, each weighted by how common the image is:
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} p(Z) &= \sum_X p(Z \mid X)\, p(X) = \sum_X \mathcal{N}(0, I)\, p(X) \\ &= \mathcal{N}(0, I) \sum_X p(X) = \mathcal{N}(0, I). \end{aligned}`}</Tex>
        <p>
          The last step uses only that the probabilities of all images add up to 1. So if the posteriors stay close to{' '}
          <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>, the codes as a whole fill the prior with no gaps, and drawing from the
          prior is a fair way to generate. They cannot equal it exactly, of course: then the code would say nothing about the
          image. The two terms have to compromise.
        </p>
        <p>
          A first idea is to add two penalties, <Tex>{String.raw`\|f_1(X)\|^2`}</Tex> to drag the centres{' '}
          <Tex>{String.raw`\mu`}</Tex> to 0 and <Tex>{String.raw`\|f_2(X)\|^2`}</Tex> to drag <Tex>{String.raw`\log\sigma^2`}</Tex>{' '}
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
            Write <Tex>{String.raw`q(x) = \frac{1}{\sqrt{2\pi\sigma^2}} e^{-(x-\mu)^2/2\sigma^2}`}</Tex> for the posterior’s density
            and <Tex>{String.raw`p(x) = \frac{1}{\sqrt{2\pi}} e^{-x^2/2}`}</Tex> for the standard normal. The ratio of the
            two densities has a simple logarithm, because the exponentials turn into their exponents:
          </p>
          <Tex displayMode>{String.raw`\log\frac{q(x)}{p(x)} = \tfrac12\Big(-\log\sigma^2 + x^2 - \frac{(x-\mu)^2}{\sigma^2}\Big).`}</Tex>
          <p>The KL divergence averages this over <Tex>q</Tex>, so it splits into three integrals:</p>
          <Tex displayMode>{String.raw`\begin{aligned} \mathrm{KL}(q\,\|\,p) = \tfrac12\Big(&-\log\sigma^2 \underbrace{\int q(x)\,dx}_{=\,1} + \underbrace{\int x^2 q(x)\,dx}_{=\,\mu^2 + \sigma^2} \\ &- \frac{1}{\sigma^2}\underbrace{\int (x-\mu)^2 q(x)\,dx}_{=\,\sigma^2}\Big). \end{aligned}`}</Tex>
          <p>
            The first integral is 1 because <Tex>q</Tex> is a density. The second is the average of <Tex>{String.raw`x^2`}</Tex>,
            which is the variance plus the square of the mean. The third is the variance itself, so that term is{' '}
            <Tex>{String.raw`-1`}</Tex>. Altogether:
          </p>
          <Tex displayMode>{String.raw`\mathrm{KL}(q\,\|\,p) = \tfrac12\big(-\log\sigma^2 + \mu^2 + \sigma^2 - 1\big).`}</Tex>
        </details>
      </section>

      <section className="page-section">
        <h2>The loss, and the knob β</h2>
        <p>Putting the two terms together, the loss for one image <Tex>x</Tex> with pixels <Tex>{String.raw`x_j`}</Tex> and reconstruction <Tex>{String.raw`\hat x_j`}</Tex> is</p>
        <Tex displayMode>{String.raw`\begin{aligned} \mathcal{L}(x) = &\underbrace{-\sum_{j=1}^{784}\big[x_j \log \hat x_j + (1 - x_j)\log(1 - \hat x_j)\big]}_{\text{reconstruction}} \\ &+\; \beta \cdot \underbrace{\tfrac12\sum_{i=1}^{d}\big(\mu_i^2 + \sigma_i^2 - \log\sigma_i^2 - 1\big)}_{\text{KL}} \end{aligned}`}</Tex>
        <p>
          averaged over a batch of images. Both terms are in <em>nats</em>, the unit of information when logarithms are
          natural. The weight <Tex>{String.raw`\beta`}</Tex> (beta) is 1 in the original VAE; other values give a
          “β-VAE”. Turning it is the quickest way to see what each term does.
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
          <Tex>{String.raw`\beta = 1`}</Tex>, then drag β to 0 (press Home on the slider): the clouds on the map shrink to dots,
          gaps open between the digit classes, and the KL bars grow. Now press End to push β to 20: within seconds the centres
          crowd to the origin, the selected digit’s ellipse swells to the unit circle, the KL bars fall to zero (the
          “collapsed” dimensions carry no information about the image), and every reconstruction turns into the same blur.
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
