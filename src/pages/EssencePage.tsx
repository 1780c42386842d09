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
        <p>Follow one image <Tex>X</Tex> through the trained machine. With the reparameterization of the last section,</p>
        <Tex displayMode>{String.raw`\hat X = g\big(\mu(X) + \sigma(X) \odot \varepsilon\big), \qquad \varepsilon \sim \mathcal{N}(0, I).`}</Tex>
        <p>
          Delete the <Tex>{String.raw`\sigma(X)\odot\varepsilon`}</Tex> and this is an ordinary <em>autoencoder</em>: an encoder{' '}
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
          Unlike the fixed noise of a denoising autoencoder, the VAE’s noise strength <Tex>{String.raw`\sigma(X)`}</Tex> is an
          output of the encoder, trained like everything else. The two terms of the loss pull it in opposite directions:
          reconstruction wants <Tex>{String.raw`\sigma = 0`}</Tex> (noise only blurs the result), the KL wants{' '}
          <Tex>{String.raw`\sigma = 1`}</Tex> and <Tex>{String.raw`\mu = 0`}</Tex>.
        </p>
        <p>
          Which side wins at a given moment depends on how large the two terms are. At the start the decoder is poor and the
          reconstruction error, hundreds of nats per digit, dwarfs the KL; its gradient dominates, the noise drops, and the
          decoder gets an easier task while it learns the basics. Once reconstruction is good, the KL’s share of the loss is
          larger, it pushes the noise back up, and the decoder must get better to keep reconstructing through it.
        </p>
        <p>
          Neither side can win outright. If every posterior became exactly <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>, the code
          would carry nothing about the image and reconstruction would fail; if every <Tex>{String.raw`\sigma`}</Tex> reached 0,
          the KL would be infinite. Both sides are trained at the same time by the same optimizer, each adapting to the other.
          Compare a GAN, where the generator and the critic take turns, one standing still while the other moves.
        </p>
      </section>

      <section className="page-section">
        <h2>See it: the two losses and the noise, over training</h2>
        <p>
          Does the story show up in the numbers? The chart follows the reconstruction error and the KL per digit (in nats) as
          the shared model trains, with the held-out score as dots; below it, the average noise level{' '}
          <Tex>{String.raw`\sigma`}</Tex> of the codes. On a typical run from scratch, <Tex>{String.raw`\sigma`}</Tex> starts
          near 1 (an untrained encoder outputs <Tex>{String.raw`\log\sigma^2 \approx 0`}</Tex>), wobbles, and then falls steeply
          as reconstruction takes charge; meanwhile the KL jumps up from zero as the codes start to carry information, and
          then eases down as the encoder learns to say the same with less. Try a log scale to see the slow trade-off later
          on. Then move β in the panel: raise it and the KL’s side of the rope gets stronger, so <Tex>{String.raw`\sigma`}</Tex>{' '}
          climbs back toward 1 while reconstruction gets worse; lower it and the noise fades.
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
