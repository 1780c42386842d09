import { GradientEstimatorsFigure } from '../components/figures/GradientEstimatorsFigure';
import { PosteriorSampler } from '../components/PosteriorSampler';
import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { LatentMapView } from '../components/instruments/LatentMapView';
import { LatentSliders } from '../components/instruments/LatentSliders';
import './pages.css';

export function ReparamPage() {
  return (
    <>
      <p className="lede">
        Training needs the derivative of the loss with respect to every weight in the encoder. But between the encoder and
        the loss sits a random draw, and you cannot differentiate a coin toss.
      </p>

      <section className="page-section">
        <h2>Sampling blocks the gradient</h2>
        <p>
          The encoder outputs <Tex>{String.raw`\mu`}</Tex> and <Tex>{String.raw`\sigma`}</Tex>; then a code is drawn,{' '}
          <Tex>{String.raw`z \sim \mathcal{N}\big(\mu, \operatorname{diag}(\sigma^2)\big)`}</Tex>, and decoded. Backpropagation, the chain rule applied
          layer by layer, needs to know how <Tex>z</Tex> changes when <Tex>{String.raw`\mu`}</Tex> or{' '}
          <Tex>{String.raw`\sigma`}</Tex> changes by a little. Written as “draw from this distribution”, that question has no
          answer: the draw is a fresh random number, not a function of <Tex>{String.raw`\mu`}</Tex>.
        </p>
        <p>
          The way out is to notice that all normal distributions are one distribution, shifted and stretched. Take one
          coordinate of the code, <Tex>{String.raw`z \sim \mathcal{N}(\mu, \sigma^2)`}</Tex>, and substitute <Tex>{String.raw`\varepsilon = (z - \mu)/\sigma`}</Tex>, so{' '}
          <Tex>{String.raw`dz = \sigma\, d\varepsilon`}</Tex>:
        </p>
        <Tex displayMode>{String.raw`\frac{1}{\sqrt{2\pi\sigma^2}}\, e^{-\frac{(z-\mu)^2}{2\sigma^2}}\, dz \;=\; \frac{1}{\sqrt{2\pi}}\, e^{-\frac{\varepsilon^2}{2}}\, d\varepsilon.`}</Tex>
        <p>
          The right-hand side is the standard normal’s density. So “<Tex>z</Tex> is drawn from{' '}
          <Tex>{String.raw`\mathcal{N}(\mu, \sigma^2)`}</Tex>” says exactly the same as “<Tex>{String.raw`\varepsilon`}</Tex>{' '}
          (epsilon) is drawn from <Tex>{String.raw`\mathcal{N}(0, 1)`}</Tex> and then <Tex>{String.raw`z = \mu + \varepsilon\sigma`}</Tex>”.
          The coordinates of the encoder’s cloud are independent, so the same holds for each of them with its own{' '}
          <Tex>{String.raw`\varepsilon_i`}</Tex>; for the whole vector,
        </p>
        <Tex displayMode>{String.raw`z = \mu + \varepsilon \odot \sigma, \qquad \varepsilon \sim \mathcal{N}(0, I),`}</Tex>
        <p>
          where <Tex>{String.raw`\odot`}</Tex> multiplies coordinate by coordinate. This is the <em>reparameterization trick</em>.
          The randomness now enters from the side, through <Tex>{String.raw`\varepsilon`}</Tex>, which does not depend on any
          weight. Along the path from the weights to the loss, <Tex>z</Tex> is an ordinary sum and product, with{' '}
          <Tex>{String.raw`\partial z / \partial \mu = 1`}</Tex> and <Tex>{String.raw`\partial z / \partial \sigma = \varepsilon`}</Tex>,
          and backpropagation goes straight through.
        </p>
      </section>

      <section className="page-section">
        <h2>See it: one digit, many draws of ε</h2>
        <p>
          What does <Tex>{String.raw`z = \mu + \varepsilon \odot \sigma`}</Tex> look like for a real digit? Select a digit on the map
          (one is chosen for you) and press <em>Draw ε</em> a few times. Each press draws a new{' '}
          <Tex>{String.raw`\varepsilon`}</Tex>, and the marker jumps to <Tex>{String.raw`\mu + \varepsilon \odot \sigma`}</Tex> inside the
          digit’s ellipse; the readout shows the arithmetic, and the sliders below it show the new <Tex>z</Tex> coordinate by coordinate with the digit it decodes to. Keep the model training: as <Tex>{String.raw`\mu`}</Tex> and{' '}
          <Tex>{String.raw`\sigma`}</Tex> move, the same <Tex>{String.raw`\varepsilon`}</Tex> carries its sample smoothly along
          with them. That smooth dependence is precisely what the gradient needs.
        </p>
        <TrainingPanel compact />
        <div className="figure-slot figure-wide" data-testid="figure-reparam">
          <LatentMapView showZ />
          <div className="figure-stack">
            <PosteriorSampler count={6} />
            <LatentSliders showPad={false} digitSizePx={140} />
          </div>
        </div>
      </section>

      <section className="page-section">
        <h2>Why not just estimate the gradient some other way?</h2>
        <p>
          There is another way to differentiate an average over random draws, the <em>score-function</em> (or REINFORCE)
          estimator. For a function <Tex>f</Tex> and <Tex>{String.raw`z \sim \mathcal{N}(\mu, \sigma^2)`}</Tex>, both of these
          are correct on average:
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} \frac{\partial}{\partial\mu}\,\mathbb{E}\big[f(z)\big] &= \underbrace{\mathbb{E}_{\varepsilon}\big[f'(\mu + \varepsilon\sigma)\big]}_{\text{reparameterized}} \\ &= \underbrace{\mathbb{E}_{z}\Big[f(z)\,\frac{z - \mu}{\sigma^2}\Big]}_{\text{score function}}. \end{aligned}`}</Tex>
        <p>
          (<Tex>{String.raw`\mathbb{E}`}</Tex> means “the average over the random draw”.) The score-function estimator needs no
          derivative of <Tex>f</Tex>, so it works even for discrete choices, but it only learns from how large{' '}
          <Tex>f</Tex> happened to be, not from which way <Tex>f</Tex> slopes. How much do single estimates scatter around the
          truth? The figure draws 500 estimates of each kind on a one-dimensional problem. Both average out to the true
          gradient (the dashed line); the score-function estimates usually scatter far more widely, which in training
          means noisy, slow steps. Raise the samples per estimate and both narrow, but the gap stays.
        </p>
        <GradientEstimatorsFigure />
      </section>
    </>
  );
}
