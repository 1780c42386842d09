import { useTranslation } from '../i18n';
import { Tex } from './Tex';

/** One row of the article's notation: the symbol, and what it stands for in this lab's model. */
const ROWS = [
  [String.raw`x`, 'x'],
  [String.raw`z`, 'z'],
  [String.raw`\tilde p(x)`, 'data'],
  [String.raw`p(z) = \mathcal{N}(0, I)`, 'prior'],
  [String.raw`p(x \mid z)`, 'decoder'],
  [String.raw`q(z \mid x) = \mathcal{N}\big(\mu, \operatorname{diag}\sigma^2\big)`, 'encoder'],
  [String.raw`p(z \mid x) = \frac{p(x \mid z)\,p(z)}{p(x)}`, 'posterior'],
  [String.raw`q(z) = \sum_x q(z \mid x)\,\tilde p(x)`, 'aggregate'],
] as const;

/**
 * The article's one convention, shown once on the posterior page: lower-case x and z,
 * q for what the encoder computes, p for the generative model.
 */
export function NotationBox() {
  const { t } = useTranslation();
  return (
    <aside className="notation" data-testid="notation" aria-label={t('figures.notation.label')}>
      <h3>{t('figures.notation.title')}</h3>
      <dl>
        {ROWS.map(([symbol, meaning]) => (
          <div className="notation-row" key={symbol}>
            <dt><Tex>{symbol}</Tex></dt>
            <dd>{t(`figures.notation.${meaning}`)}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Tex>q</Tex>
        {t('figures.notation.footerAfterQ')}
        <Tex>p</Tex>
        {t('figures.notation.footerAfterP')}
      </p>
    </aside>
  );
}
