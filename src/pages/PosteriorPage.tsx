import { NotationBox } from '../components/NotationBox';
import { PosteriorSampler } from '../components/PosteriorSampler';
import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { DrawDigitPad } from '../components/instruments/DrawDigitPad';
import { LatentMapView } from '../components/instruments/LatentMapView';
import './pages.css';

export function PosteriorPage() {
  return (
    <>
      <p className="lede">
        The shortcut of the last section failed because a random code had no reason to become any particular image. The
        VAE’s answer is to give every image its own small cloud of codes.
      </p>

      <section className="page-section">
        <h2>One normal distribution for each image</h2>
        <p>
          Number the training images <Tex>{String.raw`x_1, x_2, \dots`}</Tex> and look at one of them, <Tex>{String.raw`x_k`}</Tex>.
          Ask the reverse question: which codes <Tex>z</Tex> could have produced this image? The answer is a distribution over
          codes, written <Tex>{String.raw`p(z \mid x_k)`}</Tex> and called the <em>posterior</em> of <Tex>{String.raw`x_k`}</Tex>{' '}
          (“posterior” because it is what we believe about <Tex>z</Tex> after seeing the image; the prior <Tex>p(z)</Tex> is
          what we believe before).
        </p>
        <p>
          Bayes’ rule says what it is, <Tex>{String.raw`p(z \mid x_k) = p(x_k \mid z)\,p(z) / p(x_k)`}</Tex>, but the
          denominator is the integral over every code that the last section could not compute. The true posterior is as hard
          to compute as <Tex>p(x)</Tex> itself, so the VAE approximates it with the simplest
          distribution that has a centre and a spread: a normal distribution, one per image, with independent coordinates.
          Its density is written <Tex>{String.raw`q(z \mid x_k)`}</Tex>, with <Tex>q</Tex> marking the approximation:
        </p>
        <Tex displayMode>{String.raw`q(z \mid x_k) = \mathcal{N}\big(z;\ \mu_k,\ \operatorname{diag}(\sigma_k^2)\big)`}</Tex>
        <p>
          Here <Tex>{String.raw`\mu_k`}</Tex> (mu) is the centre of image <Tex>k</Tex>’s cloud, a vector as long as{' '}
          <Tex>z</Tex>, and <Tex>{String.raw`\sigma_k^2`}</Tex> (sigma squared) holds one variance per coordinate, how far
          the cloud spreads along each axis; <Tex>{String.raw`\operatorname{diag}`}</Tex> says the spreads are independent,
          so on a two-dimensional map the cloud is an axis-aligned ellipse. This is where the VAE puts its normality assumption:
          not only on the prior <Tex>p(z)</Tex>, as the first section did, but on every image’s posterior.
        </p>
        <p>
          Keep in mind what the spread measures. <Tex>{String.raw`\sigma_k`}</Tex> is uncertainty about the <em>code</em>:
          how far from <Tex>{String.raw`\mu_k`}</Tex> a code may wander and still be a plausible explanation of{' '}
          <Tex>{String.raw`x_k`}</Tex>. It says nothing directly about how uncertain the output image is; that is the
          decoder’s business, through <Tex>{String.raw`p(x \mid z)`}</Tex>.
        </p>
      </section>

      <section className="page-section">
        <h2>Two networks compute the cloud</h2>
        <p>
          Nobody hands us <Tex>{String.raw`\mu_k`}</Tex> and <Tex>{String.raw`\sigma_k`}</Tex>; a neural network, the{' '}
          <em>encoder</em>, reads the image and outputs them. It has two heads:
        </p>
        <Tex displayMode>{String.raw`\mu_k = f_1(x_k), \qquad \log \sigma_k^2 = f_2(x_k).`}</Tex>
        <p>
          Why fit <Tex>{String.raw`\log\sigma^2`}</Tex> and not <Tex>{String.raw`\sigma^2`}</Tex> itself? A variance must be
          positive, but a network’s last layer can output any real number. The logarithm of a positive number can be any
          real number, and <Tex>{String.raw`\sigma^2 = e^{f_2(x_k)}`}</Tex> is positive whatever <Tex>{String.raw`f_2`}</Tex>{' '}
          says, so no clipping or special activation is needed.
        </p>
        <p>Training now has a clear pairing. For image <Tex>{String.raw`x_k`}</Tex>:</p>
        <ol className="steps">
          <li>encode it: <Tex>{String.raw`\mu_k = f_1(x_k)`}</Tex>, <Tex>{String.raw`\log\sigma_k^2 = f_2(x_k)`}</Tex>;</li>
          <li>draw a code from its own cloud: <Tex>{String.raw`z_k \sim \mathcal{N}\big(\mu_k, \operatorname{diag}(\sigma_k^2)\big)`}</Tex>;</li>
          <li>decode it, <Tex>{String.raw`\hat x_k = g(z_k)`}</Tex>, and make <Tex>{String.raw`\mathcal{D}(\hat x_k, x_k)^2`}</Tex> small.</li>
        </ol>
        <p>
          Because <Tex>{String.raw`z_k`}</Tex> came from <Tex>{String.raw`x_k`}</Tex>’s own posterior, asking it to decode back
          to <Tex>{String.raw`x_k`}</Tex> finally makes sense. (For black-and-white digits this lab measures the mismatch{' '}
          <Tex>{String.raw`\mathcal{D}`}</Tex> with cross-entropy summed over the 784 pixels, the natural error for pixels that
          are mostly fully on or off; squared error is an option in the training panel.)
        </p>
        <p>
          The symbols are all on the table now. The rest of the article uses them in one way only:
        </p>
        <NotationBox />
      </section>

      <section className="page-section">
        <h2>See it: a digit’s cloud, and codes drawn from it</h2>
        <p>
          What does one digit’s posterior look like, and do codes drawn from inside it really decode to that digit? The map
          places 2,000 held-out test digits at their centres <Tex>{String.raw`\mu`}</Tex>, coloured by which digit they are.
          Click any point to select it: its ellipses mark one and two standard deviations <Tex>{String.raw`\sigma`}</Tex>{' '}
          around <Tex>{String.raw`\mu`}</Tex>. Then press <em>Draw ε</em> below the map: each press draws a code from inside
          the ellipse (the marker jumps there) and decodes it. Early in training the ellipses are large and the samples vary;
          as the model learns, the samples settle into clean variations of the chosen digit.
        </p>
        <TrainingPanel compact />
        <div className="figure-slot figure-wide" data-testid="figure-posterior">
          <LatentMapView showZ showDrawn />
          <PosteriorSampler />
        </div>
        <p>
          Does the encoder give a cloud to any image, even one it has never seen in any form? Draw a digit in the pad. Its
          posterior appears on the map above as a black ellipse, and the model’s reconstruction of your drawing appears beside
          the pad. Tick <em>use my drawing</em> above to sample from your digit’s cloud instead of the selected one.
        </p>
        <p>
          How far is an ellipse from the posterior it stands in for? For a two-number code the true posterior can be computed
          on a grid: <a href="#/elbo" data-testid="link-true-posterior">section 7 shows it for any test digit</a>, beside the
          encoder’s ellipse and the best ellipse possible, with the gap between them in nats.
        </p>
        <div className="figure-slot" data-testid="figure-posterior-draw">
          <DrawDigitPad />
        </div>
      </section>
    </>
  );
}
