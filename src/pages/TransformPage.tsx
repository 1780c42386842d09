import { GreySmudgeFigure } from '../components/figures/GreySmudgeFigure';
import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { ManifoldGridView } from '../components/instruments/ManifoldGridView';
import { ReconstructionsView } from '../components/instruments/ReconstructionsView';
import './pages.css';

export function TransformPage() {
  return (
    <>
      <p className="lede">
        How can a program invent a handwritten digit nobody wrote? Start from something easy to invent, random numbers, and
        learn a function that bends them into digits.
      </p>

      <section className="page-section">
        <h2>The goal: a distribution over images</h2>
        <p>
          Call one image <Tex>x</Tex>: a list of 784 pixel brightnesses. The 60,000 training images are draws from some
          unknown distribution, a rule saying how likely each possible image is. Most lists of 784 numbers are static noise
          and get probability near zero; the ones that look like digits get the rest. If we had that rule, we could draw
          from it and get new digits. All we hold of it is the data set itself; picking one of its images at random is a
          distribution too, written <Tex>{String.raw`\tilde p(x)`}</Tex>.
        </p>
        <p>
          Nobody can write the true rule down as a formula. So we build it from parts we can write down. First draw a short
          vector <Tex>z</Tex>, the <em>latent code</em> (latent means hidden: it is never observed), from the standard normal
          distribution:
        </p>
        <Tex displayMode>{String.raw`z \sim \mathcal{N}(0, I)`}</Tex>
        <p>
          This says each coordinate of <Tex>z</Tex> is an independent bell curve centred on 0 with spread 1 (<Tex>I</Tex> is
          the identity matrix, the covariance that says “unit variance, no correlations”). Then feed <Tex>z</Tex> through a
          neural network <Tex>g</Tex>, the <em>generator</em> or <em>decoder</em>, to get an image <Tex>{String.raw`\hat x = g(z)`}</Tex>.
          The hat marks something the model produced rather than something from the data.
        </p>
        <p>
          What exactly does <Tex>g</Tex> output? In this lab, with its default loss, one number between 0 and 1 per pixel: the probability that the
          pixel is on, as if each pixel were an independent coin with its own bias. So <Tex>g</Tex> does not paint one
          image; it describes a distribution over images,
        </p>
        <Tex displayMode>{String.raw`p(x \mid z) = \prod_{j=1}^{784} \hat x_j^{\,x_j}\,(1 - \hat x_j)^{1 - x_j}, \qquad \hat x = g(z),`}</Tex>
        <p>
          and the grey pictures this lab shows for a code are those 784 means <Tex>{String.raw`\hat x_j`}</Tex> drawn as
          brightness, not a sample of coin flips (which would be speckled black and white). Strictly, coins describe pixels that
          are on or off, while MNIST’s pixels are grey levels; the KL section comes back to what that costs.
        </p>
        <p>
          Those two steps define a distribution over images. Its probability of an image <Tex>x</Tex> adds up, over every
          code, how likely the code is times how likely the generator is to turn it into <Tex>x</Tex>:
        </p>
        <Tex displayMode>{String.raw`p(x) = \sum_z p(x \mid z)\, p(z) \qquad \text{(an integral, for continuous } z\text{)}`}</Tex>
        <p>
          Here <Tex>p(z)</Tex> is the bell curve we chose, called the <em>prior</em>, and <Tex>{String.raw`p(x \mid z)`}</Tex>{' '}
          (read “p of x given z”) is the probability of image <Tex>x</Tex> once the code is fixed. Training means choosing{' '}
          <Tex>g</Tex> so that this <Tex>p(x)</Tex> matches the data, <Tex>{String.raw`\tilde p(x)`}</Tex>. GANs and VAEs share exactly this plan; they differ in
          how they decide that two distributions are “the same”.
        </p>
      </section>

      <section className="page-section">
        <h2>The difficulty: we only have samples</h2>
        <p>
          The usual yardstick between two distributions <Tex>p</Tex> and <Tex>q</Tex> is the Kullback–Leibler (KL) divergence,
        </p>
        <Tex displayMode>{String.raw`\mathrm{KL}(p \,\|\, q) = \int p(x) \log \frac{p(x)}{q(x)}\, dx,`}</Tex>
        <p>
          which is zero when they agree and positive otherwise. It needs the two densities as formulas, to evaluate at every{' '}
          <Tex>x</Tex>. We have neither: the data is a pile of 60,000 images, and the model’s <Tex>p(x)</Tex> is an integral
          over every code that no one can evaluate exactly, though drawing samples from it is easy. Between two piles of
          samples the integral cannot be computed.
        </p>
        <p>
          A tempting shortcut, found in many tutorials, is to draw a code <Tex>{String.raw`z_k`}</Tex> from the prior, decode
          it to <Tex>{String.raw`\hat x_k = g(z_k)`}</Tex>, pick a real image <Tex>{String.raw`x_k`}</Tex>, and minimize the
          squared distance between them:
        </p>
        <Tex displayMode>{String.raw`\text{minimize}\ \ \mathcal{D}\big(\hat x_k, x_k\big)^2 \quad\text{with } z_k \sim \mathcal{N}(0, I).`}</Tex>
        <p>
          It does not work. Nothing connects the random <Tex>{String.raw`z_k`}</Tex> to that particular <Tex>{String.raw`x_k`}</Tex>:
          the same code is paired with a 3 today and a 7 tomorrow. The best <Tex>g</Tex> can do against arbitrary pairings is
          to output the average of all digits, a grey smudge. To train a generator by comparing images, each real image must
          come with codes that belong to it. That is the subject of the next section.
        </p>
        <p>Here is that shortcut, trained for a few seconds.</p>
        <div className="figure-slot" data-testid="figure-transform-smudge">
          <GreySmudgeFigure />
        </div>
      </section>

      <section className="page-section">
        <h2>See it: random codes, decoded</h2>
        <p>
          Does pushing bell-curve noise through a learned <Tex>g</Tex> really give digits? The figure draws fresh codes{' '}
          <Tex>{String.raw`z \sim \mathcal{N}(0, I)`}</Tex>, decodes them with the current generator (bottom row), and sets them
          below real test digits (top row) and the model’s copies of them (middle row). Before training they are noise; start the model and watch them turn into strokes, then into digits,
          within a minute or two.
        </p>
        <TrainingPanel compact />
        <div className="figure-slot" data-testid="figure-transform">
          <ReconstructionsView />
        </div>
        <p>
          The generator is a function from the code plane to images, so we can also look at all of it at once. With a
          two-number code, lay a grid over the plane, spaced so that each cell holds an equal share of the bell curve’s
          probability, and decode every grid point. Each digit blends into its neighbours: <Tex>g</Tex> bends the round cloud of
          codes into the landscape of handwriting.
        </p>
        <div className="figure-slot" data-testid="figure-transform-grid">
          <ManifoldGridView />
        </div>
      </section>
    </>
  );
}
