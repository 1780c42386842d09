import { CvaeTrainer } from '../components/CvaeTrainer';
import { Tex } from '../components/Tex';
import { CvaeClassRows } from '../components/instruments/CvaeClassRows';
import { ReconstructionsView } from '../components/instruments/ReconstructionsView';
import { TruePosteriorView } from '../components/instruments/TruePosteriorView';
import { useLabState } from '../hooks/useLab';
import './pages.css';

/**
 * Accuracies measured for this page (classifier of src/model/classifier.ts on 1,000 prior
 * samples, 100 per class; see the README's page table for how each was taken).
 */
const MEASURED = {
  classifierTest: '97.7%',
  essayShipped: '27.8%',
  standardShipped: '98.8%',
  essayLatent8: '70.6%',
};

/** The reader's own model, in a sentence: what the classifier says of its samples right now. */
function LiveAccuracySentence() {
  const reading = useLabState((s) => s.classAccuracy ?? null);
  const kind = useLabState((s) => (s.config.kind === 'standard' ? 'standard CVAE' : 'essay’s CVAE'));
  const latentDim = useLabState((s) => s.config.latentDim);
  if (!reading) return <>Your model has not been measured yet; the reading appears once the classifier has trained.</>;
  return (
    <>
      Your model right now (the {kind}, latent size {latentDim}, step {reading.step.toLocaleString('en-US')}):{' '}
      <strong data-testid="cvae-accuracy-prose">{(100 * reading.accuracy).toFixed(1)}%</strong> of its samples read as the
      class they were generated for.
    </>
  );
}

export function CvaePage() {
  return (
    <>
      <p className="lede">
        A VAE generates digits, but you cannot ask it for a 7: you draw a random code and get whatever digit lives there.
        Labels let you choose. This page tries two ways of using them and measures how well each one obeys.
      </p>

      <section className="page-section">
        <h2>The essay’s idea: a prior mean for every class</h2>
        <p>
          MNIST comes with labels: every image <Tex>X</Tex> is tagged with the digit <Tex>Y</Tex> it shows, from 0 to 9. The
          plain VAE pulls every posterior toward the same standard normal <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>, so all
          ten digits share one region of code space. The essay’s conditional VAE (CVAE) gives each class its own target
          instead: a unit-variance normal centred on a learned point <Tex>{String.raw`\mu^Y`}</Tex>, one point per digit.
          Only the KL term changes; the centre of the image’s own class replaces the origin:
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} &\mathrm{KL}\Big(\mathcal{N}(\mu, \sigma^2)\,\Big\|\,\mathcal{N}(\mu^Y, I)\Big) \\ &\quad= \tfrac12 \sum_{i=1}^{d}\Big(\big(\mu_i - \mu^Y_i\big)^2 + \sigma_i^2 - \log\sigma_i^2 - 1\Big). \end{aligned}`}</Tex>
        <p>
          The variance part is the one of section 3; the mean part now measures the distance from{' '}
          <Tex>{String.raw`\mu^Y`}</Tex> instead of from 0. The ten centres are extra parameters, learned by the same
          gradient descent as the weights. To ask for a digit of class <Tex>y</Tex>, draw{' '}
          <Tex>{String.raw`z \sim \mathcal{N}(\mu^y, I)`}</Tex> and decode it with the same decoder <Tex>g</Tex> as before.
        </p>
        <h3>Why it steers weakly</h3>
        <p>
          Here the label acts only through <em>where</em> a code sits: the encoder and the decoder never see it. With a
          two-number code, that one plane must hold both which digit it is and how it is written. Ten unit-variance clouds
          in a plane overlap unless their centres lie several units apart, and the KL term pays for every unit of distance
          from a centre, so the classes end up sharing ground. A code drawn around the centre of a 5 can land where the
          decoder writes an 8, and a fixed offset <Tex>{String.raw`\Delta z`}</Tex> moves a code into another class’s ground
          as easily as into another style. Measured with the classifier below, the shipped essay’s CVAE (latent size 2)
          produces the asked-for class in {MEASURED.essayShipped} of 1,000 prior samples. A larger code gives the classes
          more room: trained for 1,500 steps at latent size 8, the same model reached {MEASURED.essayLatent8} in our
          measurement. Try latent size 8 on the model below and watch the reading.
        </p>
      </section>

      <section className="page-section">
        <h2>The standard CVAE: tell the decoder the label</h2>
        <p>
          The conditional VAE of Sohn, Lee and Yan (2015) hands the label to the networks themselves. The encoder reads the
          image and its one-hot label, <Tex>{String.raw`q(z \mid x, y)`}</Tex>; the decoder reads the code and the label,{' '}
          <Tex>{String.raw`p(x \mid z, y)`}</Tex>; every class keeps the one prior <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>:
        </p>
        <Tex displayMode>{String.raw`\mathcal{L}(x, y) = \mathbb{E}_{q(z\mid x, y)}\big[\log p(x \mid z, y)\big] - \mathrm{KL}\big(q(z \mid x, y)\,\big\|\,\mathcal{N}(0, I)\big).`}</Tex>
        <p>
          Since the decoder is told which digit to write, the code no longer has to say it: the two numbers are free to
          describe the style (slant, thickness, width), and the same <Tex>z</Tex> decoded with ten labels should give ten
          digits in one hand. Shipped and scored the same way, the standard CVAE (latent size 2) writes the asked-for class in{' '}
          {MEASURED.standardShipped} of 1,000 samples. The judge is a small classifier (784-256-10, two epochs) that your
          browser trains on the training digits when this page opens; it is right on about {MEASURED.classifierTest} of the
          10,000 test digits it never saw.
        </p>
      </section>

      <section className="page-section">
        <h2>Try both: a CVAE trained here</h2>
        <p>
          This is a second model, trained from scratch on this page; starting it pauses the main model (two trainers would
          each run at half speed on most machines). Choose which conditional VAE to train, press <em>Start training</em> and
          give it a minute or two, or skip ahead to the shipped model of that kind. <LiveAccuracySentence />
        </p>
        <CvaeTrainer />
        <p>
          Choose a class: the digit is decoded from the class’s prior centre plus the offset <Tex>{String.raw`\Delta z`}</Tex>{' '}
          that the sliders set (<Tex>{String.raw`\mu^y + \Delta z`}</Tex> for the essay’s CVAE; <Tex>{String.raw`\Delta z`}</Tex>{' '}
          with the label <Tex>y</Tex> for the standard one, whose centres are all 0). On the map, the essay’s CVAE shows its
          ten learned centres as numbered squares; the standard CVAE’s codes of all classes share one cloud around the
          origin, because the class no longer has to live in the code.
        </p>
        <p>
          Below, every row is one class and every column one offset, the same in all ten rows. With the standard CVAE a
          column keeps one style and every row its digit; with the essay’s CVAE a column often changes the digit itself.
        </p>
        <div className="figure-slot">
          <CvaeClassRows />
        </div>
        <p>
          The strip below decodes one random code per class in turn, next to test digits and their reconstructions.
        </p>
        <div className="figure-slot" data-testid="figure-cvae-samples">
          <ReconstructionsView />
        </div>
        <p>
          The true-posterior figure of the section on where the “variational” is works for this model too. A conditional model’s prior for a
          digit is its label’s: <Tex>{String.raw`\mathcal{N}(\mu^y, I)`}</Tex> for the essay’s CVAE, and{' '}
          <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex> with the label also given to the encoder and the decoder for the standard
          one. So the grid below integrates <Tex>{String.raw`p(x \mid z, y)\, p(z \mid y)`}</Tex> with the test digit’s own
          label <Tex>y</Tex>, and the figure’s <Tex>{String.raw`\log p(x)`}</Tex> is <Tex>{String.raw`\log p(x \mid y)`}</Tex>:
          how likely this model finds the image once it is told which digit it is.
        </p>
        <div className="figure-slot figure-wide" data-testid="figure-cvae-true-posterior">
          <TruePosteriorView heldOut={false} />
        </div>
      </section>
    </>
  );
}
