import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { ReconstructionsView } from '../components/instruments/ReconstructionsView';
import './pages.css';

export function IntroPage() {
  return (
    <>
      <p className="lede">
        A variational autoencoder (VAE) learns to invent handwritten digits. This lab trains one on the real MNIST
        data set, 60,000 digits scanned from forms, while you read. Every picture below is computed on your own machine
        from the network as it is right now: the one training in your browser, or, if you choose <em>Skip ahead</em>, a
        model this project trained earlier with the same code, which the panel names while it is showing. No picture is
        drawn in advance.
      </p>

      <section className="page-section">
        <h2>How to use this</h2>
        <ol className="steps">
          <li>
            Press <strong>Start training</strong> below. The model trains in a background thread, so you can keep reading
            and scrolling; the status line in the menu shows how far it has got, on every page. In a hurry?{' '}
            <em>Skip ahead</em> loads a model this project trained earlier, and the panel always says which one is showing.
          </li>
          <li>
            Read the sections in order (the contents are on the left, or under <em>Contents</em> on a phone). Each one asks a
            question, answers it in words and equations, and then shows the answer live in a figure.
          </li>
          <li>
            Play with the figures. Every one of them reads the same model, so a change you make on one page (say, the KL
            weight β on the KL page) shows up on all the others.
          </li>
          <li>
            Settings live in the address bar, so a link you copy reproduces your experiment. <strong>Reset</strong> starts
            again from random weights.
          </li>
        </ol>
        <p>
          You need a little calculus: derivatives, integrals, and the logarithm. No statistics beyond “a normal
          distribution is a bell curve” is assumed; every symbol is defined where it first appears.
        </p>
      </section>

      <section className="page-section">
        <h2>The model on this page</h2>
        <p>
          Below is the one model all pages share. With the default settings it compresses each 28 × 28 image (784 numbers)
          into just two numbers, its <em>code</em>, and tries to rebuild the image from those two. The top row shows held-out
          digits the model never trains on, one of each class; the middle row shows what it rebuilds from their codes; the
          bottom row is made up from scratch, decoded from random codes. Start training and watch the lower rows sharpen
          within a minute.
        </p>
        <TrainingPanel />
        <div className="figure-slot" data-testid="figure-intro">
          <ReconstructionsView />
        </div>
      </section>

      <section className="page-section">
        <h2>The wider picture</h2>
        <p>
          A <em>generative model</em> is a program that can produce new samples that look like its training data. There are
          three broad families, and it helps to know where the VAE sits among them.
        </p>
        <ul>
          <li>
            <strong>Exact likelihood.</strong> Models such as PixelRNN and PixelCNN write the probability of an image as a
            product of one-pixel-at-a-time probabilities, <Tex>{String.raw`p(x) = \prod_i p(x_i \mid x_1, \dots, x_{i-1})`}</Tex>.
            They can score any image exactly, but they must draw a picture pixel by pixel, which is slow.
          </li>
          <li>
            <strong>Approximate likelihood.</strong> The VAE cannot compute the probability <Tex>{String.raw`p(x)`}</Tex> of
            an image exactly, but it can compute a guaranteed lower bound on it (the <em>ELBO</em> of section 7) and push that
            bound up. It draws a whole image in one pass.
          </li>
          <li>
            <strong>No likelihood at all.</strong> Generative adversarial networks (GANs) never write down a probability;
            a second network, the critic, judges whether samples look real.
          </li>
        </ul>
        <p>
          The VAE also introduces an idea that reaches far beyond images: <em>variational inference</em>. When a probability
          distribution is too complicated to compute, pick a simple family of distributions (normal ones, say) and search
          that family, by ordinary optimization, for the member closest to the one you want. Sampling methods such as Markov
          chain Monte Carlo are more exact but slower; Laplace’s approximation (a single bell curve fitted at the peak) is
          faster but cruder. Variational inference sits in between, and a VAE is a neural network that has learned to do it
          for every image at once.
        </p>
        <p>
          The sections follow the argument of Su Jianlin’s 2018 essay on VAEs, built on Kingma and Welling’s paper
          <cite> Auto-Encoding Variational Bayes</cite> (2014), with an interactive figure where the essay has an equation.
        </p>
        <p><a className="start-reading" href="#/transform">Start reading: 1. Distribution transform →</a></p>
      </section>
    </>
  );
}
