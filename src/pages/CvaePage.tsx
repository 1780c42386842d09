import { useState } from 'react';
import { ErrorBanner } from '../components/ErrorBanner';
import { LoadBar } from '../components/LoadBar';
import { Tex } from '../components/Tex';
import { TrainingPanel } from '../components/TrainingPanel';
import { CvaeClassPicker } from '../components/instruments/CvaeClassPicker';
import { LatentMapView } from '../components/instruments/LatentMapView';
import { ReconstructionsView } from '../components/instruments/ReconstructionsView';
import { getCvaeLab } from '../hooks/labs';
import { LabContext } from '../hooks/useLab';
import './pages.css';

export function CvaePage() {
  // The CVAE's worker starts on the first visit to this page, not when the app loads.
  const [cvaeLab] = useState(getCvaeLab);
  return (
    <>
      <p className="lede">
        A VAE generates digits, but you cannot ask it for a 7: you draw a random code and get whatever digit lives there.
        A small change to the KL term lets you choose.
      </p>

      <section className="page-section">
        <h2>A prior mean for every class</h2>
        <p>
          MNIST comes with labels: every image <Tex>X</Tex> is tagged with the digit <Tex>Y</Tex> it shows, from 0 to 9. The
          plain VAE pulls every posterior toward the same standard normal <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>, so all
          ten digits share one region of code space. The <em>conditional VAE</em> (CVAE) of this page instead gives each class
          its own target: a normal distribution with unit variance centred on a learned point{' '}
          <Tex>{String.raw`\mu^Y`}</Tex>, one point per digit. Only the KL term changes; the centre{' '}
          <Tex>{String.raw`\mu^Y`}</Tex> of the image’s own class replaces the origin:
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} &\mathrm{KL}\Big(\mathcal{N}(\mu, \sigma^2)\,\Big\|\,\mathcal{N}(\mu^Y, I)\Big) \\ &\quad= \tfrac12 \sum_{i=1}^{d}\Big(\big(\mu_i - \mu^Y_i\big)^2 + \sigma_i^2 - \log\sigma_i^2 - 1\Big). \end{aligned}`}</Tex>
        <p>
          Compare it with the formula of section 3: the variance part is untouched, and the mean part now measures the
          distance from <Tex>{String.raw`\mu^Y`}</Tex> instead of from 0. The ten centres <Tex>{String.raw`\mu^Y`}</Tex> are
          extra parameters, learned by the same gradient descent as the weights. To generate a digit of class <Tex>y</Tex>,
          draw a code near its centre, <Tex>{String.raw`z \sim \mathcal{N}(\mu^y, I)`}</Tex>, and decode it with the same
          decoder <Tex>g</Tex> as before.
        </p>
        <p>
          That is the whole change; the encoder and decoder do not even see the label. Nothing forces the classes apart
          perfectly, so with small fully connected networks like these the control is good but not perfect: between two
          centres a 4 can drift into a 9. Larger models also feed the label to the encoder and decoder.
        </p>
      </section>

      <LabContext.Provider value={cvaeLab}>
        <section className="page-section">
          <h2>See it: a CVAE trained here</h2>
          <p>
            Can a class centre really steer what the decoder writes? This is a second model, a CVAE with a two-number code,
            trained from scratch on this page; starting it pauses the main model (two trainers would each run at half speed
            on most machines). Press <em>Start training</em> and give it a minute. The numbered squares on the map are the ten class
            centres <Tex>{String.raw`\mu^Y`}</Tex>, pulling their digits around them. Choose a class: the digit is decoded
            from <Tex>{String.raw`\mu^y + \Delta z`}</Tex>, and the sliders set the offset <Tex>{String.raw`\Delta z`}</Tex>.
            Keep the offset and switch classes: the same offset tends to give the same slant and thickness in every digit.
          </p>
          <LoadBar />
          <ErrorBanner />
          <TrainingPanel compact />
          <div className="figure-slot figure-wide" data-testid="figure-cvae">
            <CvaeClassPicker />
            <LatentMapView showClassMeans />
          </div>
          <p>
            Sampling from the prior now means choosing a class first. Below, the bottom row decodes one random code near each
            class centre in turn, <Tex>{String.raw`z \sim \mathcal{N}(\mu^y, I)`}</Tex> for <Tex>{String.raw`y = 0, 1, \dots, 9`}</Tex>;
            once the model has trained for a while, most of them should show their class.
          </p>
          <div className="figure-slot" data-testid="figure-cvae-samples">
            <ReconstructionsView />
          </div>
        </section>
      </LabContext.Provider>
    </>
  );
}
