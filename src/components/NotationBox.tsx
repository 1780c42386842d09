import { Tex } from './Tex';

/** One row of the article's notation: the symbol, and what it stands for in this lab's model. */
const ROWS: ReadonlyArray<readonly [string, string]> = [
  [String.raw`x`, 'an image: 784 pixel values (a digit from the data set)'],
  [String.raw`z`, 'its code, the latent vector (two numbers by default)'],
  [String.raw`\tilde p(x)`, 'the data distribution: pick one of the training digits at random'],
  [String.raw`p(z) = \mathcal{N}(0, I)`, 'the prior over codes'],
  [String.raw`p(x \mid z)`, 'the decoder g: the model’s distribution of images given a code'],
  [String.raw`q(z \mid x) = \mathcal{N}\big(\mu, \operatorname{diag}\sigma^2\big)`, String.raw`the encoder, with μ = f₁(x) and log σ² = f₂(x)`],
  [String.raw`p(z \mid x) = \frac{p(x \mid z)\,p(z)}{p(x)}`, 'the true posterior, which q approximates'],
  [String.raw`q(z) = \sum_x q(z \mid x)\,\tilde p(x)`, 'the aggregate posterior: all digits’ clouds mixed together'],
];

/**
 * The article's one convention, shown once on the posterior page: lower-case x and z,
 * q for what the encoder computes, p for the generative model.
 */
export function NotationBox() {
  return (
    <aside className="notation" data-testid="notation" aria-label="Notation">
      <h3>Notation used from here on</h3>
      <dl>
        {ROWS.map(([symbol, meaning]) => (
          <div className="notation-row" key={symbol}>
            <dt><Tex>{symbol}</Tex></dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Tex>q</Tex> always marks what the encoder computes, <Tex>p</Tex> the generative model (prior and decoder) and what
        follows from it.
      </p>
    </aside>
  );
}
