import { ElboGapFigure } from '../../components/figures/ElboGapFigure';
import { KlFitFigure } from '../../components/figures/KlFitFigure';
import { Tex } from '../../components/Tex';
import { TrainingPanel } from '../../components/TrainingPanel';
import { TruePosteriorView } from '../../components/instruments/TruePosteriorView';
import '../pages.css';

export function ElboPage() {
  return (
    <>
      <p className="lede">
        到目前为止，变分自编码器（variational autoencoder, VAE）都是凭直觉搭起来的：每张图像一团云，再加上一股把云拉向先验（prior）的力。有一个恒等式表明，同一个损失也可以从概率论中推导出来，而且它解释了“变分”这个词的由来。
      </p>

      <section className="page-section">
        <h2>“变分”是什么意思</h2>
        <p>
          这个名字来自<strong>变分推断</strong>（variational inference）：某个分布太难计算时，比如这里的真实后验（posterior）
          <Tex>{String.raw`p(z \mid x)`}</Tex>，就选定一族简单的分布，在其中找出与想要的那个分布最接近的成员。搜索的对象是分布，也就是函数，而这正是<strong>变分法</strong>（calculus of variations）的本行，“变分”一词便由此而来。把搜索限制在只有几个参数的一族分布里，它就变成了对这几个参数的普通优化。VAE 选的分布族是各坐标相互独立的正态分布，
          <Tex>{String.raw`q(z \mid x) = \mathcal{N}\big(\mu, \operatorname{diag}(\sigma^2)\big)`}</Tex>；成员能分解为每个坐标一个独立因子的分布族，称为<strong>平均场</strong>（mean-field）分布族。此外，编码器（encoder）并不为每张图像重新拟合 <Tex>{String.raw`\mu`}</Tex> 和 <Tex>{String.raw`\sigma`}</Tex>，而是学出一个函数，对任何图像都能输出它们。
        </p>
        <p>
          “最接近”用 KL 散度（KL divergence）来衡量，下面的论证只依赖它的一条性质：
        </p>
        <Tex displayMode>{String.raw`\mathrm{KL}(q \,\|\, p) = -\,\mathbb{E}_q\Big[\log\frac{p}{q}\Big] \;\ge\; -\log \mathbb{E}_q\Big[\frac{p}{q}\Big] = -\log \int p = 0,`}</Tex>
        <p>
          这由 Jensen 不等式得出（对数是凹函数），等号当且仅当 <Tex>q = p</Tex> 时成立。这就是 Gibbs 不等式。
        </p>
        <p>
          变分推断用<strong>反向</strong> KL{' '}
          <Tex>{String.raw`\mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big)`}</Tex> 来拟合 <Tex>{String.raw`q`}</Tex>，近似分布放在前面，这样做有实际的理由。对 <Tex>q</Tex> 求平均，只需要 <Tex>q</Tex> 的样本（我们抽得出来），以及{' '}
          <Tex>{String.raw`\log p(x, z) = \log p(x \mid z) + \log p(z)`}</Tex> 的值（我们算得出来）；未知的{' '}
          <Tex>{String.raw`\log p(x)`}</Tex> 只以常数的身份出现，下一节会说明这一点。正向 KL{' '}
          <Tex>{String.raw`\mathrm{KL}(p(z \mid x) \,\|\, q)`}</Tex> 则是在真实后验本身之下求平均，而真实后验我们既无法从中抽样，也无法求值。
        </p>
        <p className="callout">
          <strong>题外话：一种更轻松的读法。</strong>这几页沿用的是苏剑林一篇文章的论证思路，而那篇文章对“变分”一词有意采取了一种低调的看法。KL 散度接收两个完整的密度，返回一个数，因此它是一个<strong>泛函</strong>（functional）；它上面那条基本性质（永不为负，只在两者一致时为零）正是变分法所给出的那一类结论。那篇文章认为，只要承认这条性质，VAE 的其余部分就完全用不着变分法：普通的梯度下降就足以完成全部工作。
        </p>
      </section>

      <section className="page-section">
        <h2>证据下界</h2>
        <p>
          我们真正想最大化的量是 <Tex>{String.raw`\log p(x)`}</Tex>，即模型给一张真实图像 <Tex>x</Tex> 的对数概率（称为<strong>证据</strong>，evidence）。引入编码器给出的后验{' '}
          <Tex>{String.raw`q(z \mid x)`}</Tex>，以及那个我们算不出来的真实后验 <Tex>{String.raw`p(z \mid x)`}</Tex>。由于对任意编码 <Tex>z</Tex> 都有 <Tex>{String.raw`p(x) = p(x, z)/p(z \mid x)`}</Tex>，对{' '}
          <Tex>{String.raw`z \sim q(z \mid x)`}</Tex> 取对数的平均，并在对数里乘上 <Tex>{String.raw`q/q = 1`}</Tex>，就得到</p>
        <Tex displayMode>{String.raw`\begin{aligned} \log p(x) &= \mathbb{E}_{q(z \mid x)}\!\left[\log \frac{p(x, z)}{p(z \mid x)}\right] \\ &= \mathbb{E}_{q(z \mid x)}\!\left[\log \frac{p(x, z)}{q(z \mid x)}\right] + \mathbb{E}_{q(z \mid x)}\!\left[\log \frac{q(z \mid x)}{p(z \mid x)}\right]. \end{aligned}`}</Tex>
        <p>
          第二个平均按定义就是 <Tex>{String.raw`\mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big)`}</Tex>。第一个平均利用{' '}
          <Tex>{String.raw`p(x, z) = p(x \mid z)\,p(z)`}</Tex> 拆成两个熟悉的部分，它叫作<strong>证据下界</strong>（evidence lower bound, ELBO）：
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} \log p(x) = &\underbrace{\mathbb{E}_{q(z \mid x)}\big[\log p(x \mid z)\big] - \mathrm{KL}\big(q(z \mid x) \,\|\, p(z)\big)}_{\text{ELBO}} \\ &+\; \mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big). \end{aligned}`}</Tex>
        <p>
          最后一项是 KL 散度，所以永不为负，ELBO 也就永远不会超过 <Tex>{String.raw`\log p(x)`}</Tex>：它是一个下界。现在来读 ELBO 的两个部分。第一部分是用从图像后验中抽出的编码把这张图像还原回来的平均对数概率，也就是期望重构（reconstruction）误差的相反数（当每个像素是一枚独立的硬币、像素取值为 0 或 1 时，交叉熵恰好就是{' '}
          <Tex>{String.raw`-\log p(x \mid z)`}</Tex>）。第二部分就是第 3 节的 KL 正则项。
        </p>
        <p>
          所以，在 <Tex>{String.raw`\beta = 1`}</Tex> 时，VAE Lab 训练的损失是{' '}
          <Tex>{String.raw`-\text{ELBO}`}</Tex> 的一个估计，但要加两点限定。其一，它是<strong>单样本</strong>估计：KL 是精确的，但期望重构被换成了在每个数字上抽一个编码得到的值，每一步都重新抽。其二，只有在像素<strong>二值化</strong>时（面板里的“像素”设置），它估计的才是真正的 <Tex>{String.raw`-\text{ELBO}`}</Tex>。在默认的灰度像素下，交叉熵并不是某个归一化的{' '}
          <Tex>{String.raw`p(x \mid z)`}</Tex> 的对数，这时的损失虽有 ELBO 的形状，却不是“每个像素一枚硬币”这个模型的 −ELBO。训练面板上的“held-out −ELBO”（留出数据上的 −ELBO）是同一个单样本数值，只不过是在模型从不用来训练的数字上算出来的。
        </p>
        <p>这个恒等式可以在一个小到能精确积分的模型上亲手验证。</p>
        <div className="figure-slot" data-testid="figure-elbo-gap">
          <ElboGapFigure />
        </div>
        <p>
          由于 <Tex>{String.raw`\log p(x)`}</Tex> 与编码器无关，通过改进 <Tex>q</Tex> 来提高 ELBO，就必然会缩小间隙{' '}
          <Tex>{String.raw`\mathrm{KL}(q(z \mid x) \,\|\, p(z \mid x))`}</Tex>。一个损失同时做了两件事：它拟合数据，也把编码器给出的正态云拉向真实后验。
        </p>
      </section>

      <section className="page-section" id="true-posterior-section">
        <h2>实测间隙：一个数字的真实后验</h2>
        <p>
          通常 <Tex>{String.raw`\log p(x)`}</Tex> 和 <Tex>{String.raw`p(z \mid x)`}</Tex> 都是够不着的，ELBO 正是因此而存在。但编码只有两个数时，它们够得着。对一个数字 <Tex>x</Tex>，解码器（decoder）在平面上任何一点都能给出{' '}
          <Tex>{String.raw`p(x \mid z)\,p(z)`}</Tex>，所以 VAE Lab 在一张网格上求出它的值，再加起来：
        </p>
        <Tex displayMode>{String.raw`\log p(x) \approx \log \sum_{i} p(x \mid z_i)\,p(z_i)\,\Delta_i, \qquad p(z_i \mid x) = \frac{p(x \mid z_i)\,p(z_i)}{p(x)},`}</Tex>
        <p>
          其中 <Tex>{String.raw`\Delta_i`}</Tex> 是第 <Tex>i</Tex> 个网格单元的面积；求和在对数空间中进行，以免{' '}
          <Tex>{String.raw`e^{-200}`}</Tex> 这样的数下溢。网格既覆盖先验的主体，也覆盖编码器的椭圆，并在后验所在之处加密：只围绕 <Tex>q</Tex> 画的网格，可能漏掉后验中 <Tex>q</Tex> 从未到达的第二个瓣，而那个瓣恰恰是这张图要展示的。于是上面恒等式中的每一项都成了测量出来的数：<Tex>{String.raw`\log p(x)`}</Tex>、编码器的{' '}
          <Tex>q</Tex> 的 ELBO，以及两者之间的间隙 <Tex>{String.raw`\mathrm{KL}\big(q(z \mid x) \,\|\, p(z \mid x)\big)`}</Tex>。
        </p>
        <p>
          Cremer、Li 和 Duvenaud 在论文“Inference Suboptimality in Variational Autoencoders”（ICML 2018）中，针对编码很短的 MNIST 模型离线画出了这些图，并把间隙拆成了两部分。即使是这个数字的最佳正态分布（这里从编码器的猜测出发，对该数字自己的 ELBO 做几百步梯度上升求得），也仍然只是一个椭圆；它的 ELBO 与 <Tex>{String.raw`\log p(x)`}</Tex> 之间的距离是<strong>近似间隙</strong>（approximation gap），即选用高斯分布本身的代价。编码器并不为每个数字单独拟合：一个网络要服务全部 60,000 个数字，它的 <Tex>q</Tex> 与那个最佳椭圆之间的距离是<strong>摊销间隙</strong>（amortization gap），即共享的代价。在这里，两者都在面板中的模型上实时计算。
        </p>
        <TrainingPanel compact />
        <div className="figure-slot figure-wide" data-testid="figure-true-posterior">
          <TruePosteriorView />
        </div>
        <p>
          按编号挑一个数字，逐个翻看，或者在地址里带上 <code>?digit=N</code> 直接打开。按 <em>Skip ahead</em>{' '}
          载入训练好的模型，或者自己训练，看着热图和各项数值随模型的学习而变化。当后验是弯曲的或有两个瓣时，绿色椭圆跟不上它，近似间隙就会变大；当绿色椭圆和橙色椭圆相隔较远时，薄弱的一环是编码器。在面板里调节 β，看看 KL 项的权重过大或过小时后验是什么样子。（面板里留出数据上的“−log p(x)”是同一个量在 1,000 个测试数字上的平均，每个数字用从{' '}
          <Tex>q</Tex> 中抽取的 1,000 个样本做重要性加权估计；编码只有两个数时，面板还会给出网格在前 100 个数字上算出的精确值。）重要性加权的好坏取决于 <Tex>q</Tex> 能覆盖多大范围：它的平均值是 <Tex>{String.raw`\log p(x)`}</Tex> 的一个下界，只有当 <Tex>q</Tex> 覆盖住后验时才是紧的。自带模型的编码器非常笃定，而对某些数字它看错了地方：在测试数字 7、8、11 上，用 1,000 个样本得到的估计比网格值低了 15 到 27 奈特，从先验中采样的结果也证实了这一点。编码只有两个数时，请以网格为准。
        </p>
      </section>

      <section className="page-section">
        <h2>方向之别：正向 KL 与反向 KL</h2>
        <p>
          KL 散度并不对称，而 ELBO 是按特定的方向使用它的：<Tex>{String.raw`\mathrm{KL}(q \,\|\, p)`}</Tex>，近似分布在前。这种<strong>反向</strong> KL 在 <Tex>q</Tex> 之下求平均，所以 <Tex>q</Tex> 若在 <Tex>p</Tex> 几乎为零的地方放了概率质量，就会受到重罚（很小的 <Tex>p</Tex> 取对数是绝对值很大的负数）；而 <Tex>q</Tex> 忽略了 <Tex>p</Tex> 的一部分，它却并不在意。这种性质称为<strong>迫零</strong>（zero-forcing）和<strong>寻模</strong>（mode-seeking）：在 <Tex>p</Tex> 为零的地方，<Tex>q</Tex> 被迫为零，而简单的 <Tex>q</Tex> 会停在复杂的 <Tex>p</Tex> 的某一个峰下面。<strong>正向</strong> KL <Tex>{String.raw`\mathrm{KL}(p \,\|\, q)`}</Tex> 恰好相反：<Tex>q</Tex> 漏掉 <Tex>p</Tex> 所产生的任何东西都要受罚（上一节的陷阱正是如此），于是{' '}
          <Tex>q</Tex> 伸展开来，盖住整个 <Tex>p</Tex>，连同各个峰和峰之间的谷。
        </p>
        <p>
          让一条钟形曲线去模仿一个有两个峰的目标，两个方向各会把它带到哪里？下图在两种散度下分别对钟形曲线的中心和宽度做梯度下降，左右并排。按 <em>Play</em> 开始。
        </p>
        <div className="figure-slot" data-testid="figure-elbo">
          <KlFitFigure />
        </div>
        <p>
          这种偏好解释了 VAE 的一个已知特点：它们的后验往往偏窄而不是偏宽，因为一团落在真实后验内部的窄云在反向 KL 下代价很小，而溢出到外面的云则代价高昂。
        </p>
      </section>
    </>
  );
}
