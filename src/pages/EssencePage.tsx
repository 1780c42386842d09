import { MeanSigmaTrace } from '../components/MeanSigmaTrace';
import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { AeVaeInterpolationFigure } from '../components/figures/AeVaeInterpolationFigure';
import { InterpolationView } from '../components/instruments/InterpolationView';
import { LossChartView } from '../components/instruments/LossChartView';
import './pages.css';

export function EssencePage() {
  return (
    <>
      <p className="lede">
        Strip away the probability language and a VAE turns out to be something familiar: an autoencoder that adds noise to
        its own codes, and decides for itself how much.
      </p>

      <section className="page-section">
        <h2>An autoencoder with noise in the middle</h2>
        <p>Follow one image <Tex>x</Tex> through the trained machine. With the reparameterization of the last section,</p>
        <Tex displayMode>{String.raw`\hat x = g\big(\mu(x) + \sigma(x) \odot \varepsilon\big), \qquad \varepsilon \sim \mathcal{N}(0, I).`}</Tex>
        <p>
          Delete the <Tex>{String.raw`\sigma(x)\odot\varepsilon`}</Tex> and this is an ordinary <em>autoencoder</em>: an encoder{' '}
          <Tex>{String.raw`\mu(\cdot)`}</Tex> squeezes the image into a short code, a decoder <Tex>g</Tex> expands it back, and
          both are trained to make the round trip faithful. The VAE adds Gaussian noise to the code before decoding, so the
          decoder must learn to produce the right digit from anywhere near the code, not only from the code itself. That is
          what fills the gaps between codes and makes random codes decodable.
        </p>
        <p>
          The two parts of the KL term then read as plain regularizers. The mean part <Tex>{String.raw`\tfrac12\mu^2`}</Tex>{' '}
          keeps the codes near zero, so they cannot escape the noise by spreading far apart. The variance part{' '}
          <Tex>{String.raw`\tfrac12(\sigma^2 - \log\sigma^2 - 1)`}</Tex> keeps the noise from being switched off: it grows
          without bound as <Tex>{String.raw`\sigma \to 0`}</Tex>.
        </p>
      </section>

      <section className="page-section">
        <h2>Noise that adapts: a tug of war</h2>
        <p>
          A denoising autoencoder also trains with noise, but it adds the noise to the <em>input</em> image, at a strength
          the engineer fixes. The VAE adds its noise to the <em>code</em>, and its strength <Tex>{String.raw`\sigma(x)`}</Tex>{' '}
          is an output of the encoder, trained like everything else. The two terms of the loss pull it in opposite
          directions: reconstruction wants <Tex>{String.raw`\sigma = 0`}</Tex> (noise only blurs the result), the KL wants{' '}
          <Tex>{String.raw`\sigma = 1`}</Tex> and <Tex>{String.raw`\mu = 0`}</Tex>.
        </p>
        <p>
          Where does <Tex>{String.raw`\sigma`}</Tex> settle? Not where the two terms are equal in size. On the chart below
          the reconstruction error is tens of times larger than the KL, yet the KL still holds its own, because the
          optimizer does not compare sizes; it compares slopes. Shrink <Tex>{String.raw`\sigma`}</Tex> a little. The KL
          goes up by some small amount, and the reconstruction error goes down, because the decoder now sees a sharper
          code. If the reconstruction falls by more than <Tex>{String.raw`\beta`}</Tex> times the rise in the KL, the total
          loss falls and <Tex>{String.raw`\sigma`}</Tex> keeps shrinking; if by less, it grows back. So{' '}
          <Tex>{String.raw`\sigma`}</Tex> settles where the two slopes balance: where one more nat of KL would buy exactly{' '}
          <Tex>{String.raw`\beta`}</Tex> nats less reconstruction error, no more and no less. At{' '}
          <Tex>{String.raw`\beta = 1`}</Tex>, one nat for one nat.
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} -\frac{\partial\, \text{reconstruction}}{\partial \sigma_i} &= \beta\, \frac{\partial\, \text{KL}}{\partial \sigma_i}, \\ \text{where}\quad \frac{\partial\, \text{KL}}{\partial \sigma_i} &= \sigma_i - \frac{1}{\sigma_i} \quad \text{for each coordinate } i. \end{aligned}`}</Tex>
        <p>
          Neither side can win outright. The KL’s push on <Tex>{String.raw`\sigma`}</Tex>, <Tex>{String.raw`1/\sigma - \sigma`}</Tex>, grows without bound as{' '}
          <Tex>{String.raw`\sigma \to 0`}</Tex>, while the reconstruction gains less and less from noise that is already
          too small to change what the decoder draws, so the noise never reaches zero. And at{' '}
          <Tex>{String.raw`\sigma = 1`}</Tex>, <Tex>{String.raw`\mu = 0`}</Tex> the KL’s slope is zero while a code that says
          something about the image is still worth many nats of reconstruction, so the KL does not take everything either
          (unless <Tex>{String.raw`\beta`}</Tex> is made large). Both sides are trained at the same time by the same
          optimizer, each adapting to the other. Compare a GAN, where the generator and the critic take turns, one standing
          still while the other moves.
        </p>
      </section>

      <section className="page-section">
        <h2>Why VAE digits look soft</h2>
        <p>
          Samples from a VAE are famously blurry, and the pieces above explain why. A code, especially one of only two
          numbers, cannot pin down every detail of an image: many slightly different handwritten 3s share nearly the same
          code, and the noise in the code blurs the boundary further. Given a code, the decoder treats every pixel as an
          independent coin, so the best it can do for each pixel on its own is to predict the average over all the images that
          code might stand for. Where those images disagree (the exact edge of a stroke, a loop open or closed) the average is
          grey. And what the lab shows is exactly that average, the decoder’s per-pixel means, not a sample drawn from
          them. A likelihood that lets pixels depend on each other gives sharper samples, and a longer code gives sharper
          reconstructions; the blur is this model’s honest answer to what its code leaves open.
        </p>
      </section>

      <section className="page-section">
        <h2>See it: the two losses and the noise, over training</h2>
        <p>
          Does the story show up in the numbers? The chart follows the reconstruction error and the KL per digit as the
          shared model trains, with the held-out score as dots; below it, the average noise level{' '}
          <Tex>{String.raw`\sigma`}</Tex> of the codes. On a run from scratch with the default settings,{' '}
          <Tex>{String.raw`\sigma`}</Tex> starts near 1 (an untrained encoder outputs{' '}
          <Tex>{String.raw`\log\sigma^2 \approx 0`}</Tex>), swings wildly for a few steps, and then, within the first
          fifty or so, falls to a small fraction of 1: early on, every bit of sharpness in the code buys a lot of
          reconstruction, so the trade favours less noise. After that it drifts down only slowly. The KL, after a jolt in
          the first steps, settles at a few nats while the reconstruction error stays well over a hundred, and the two keep
          trading at the margin as the decoder improves. Try a log scale to see the slow part. Then move β in the panel:
          raise it and each nat of KL costs more, so <Tex>{String.raw`\sigma`}</Tex> climbs back toward 1 while the
          reconstruction gets worse; lower it and the noise fades.
        </p>
        <TrainingPanel compact />
        <div className="figure-slot" data-testid="figure-essence">
          <LossChartView />
          <MeanSigmaTrace />
        </div>
      </section>

      <section className="page-section">
        <h2>See it: the noise fills the gaps</h2>
        <p>
          If training with noise really teaches the decoder the space between codes, then the straight line from one digit’s
          code to another’s should decode to something digit-like all the way, not to garbage in the middle. Pick two held-out
          digits; the strip decodes evenly spaced codes on the line between their centres <Tex>{String.raw`\mu`}</Tex>.
        </p>
        <div className="figure-slot" data-testid="figure-essence-interpolation">
          <InterpolationView />
        </div>
        <p>Without the noise there is nothing to fill the gaps: the same path through an autoencoder’s codes, beside the VAE’s.</p>
        <div className="figure-slot" data-testid="figure-essence-ae-vae">
          <AeVaeInterpolationFigure />
        </div>
      </section>
    </>
  );
}
