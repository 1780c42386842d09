import { KlPartsFigure } from '../../components/figures/KlPartsFigure';
import { Tex } from '../../components/Tex';
import { TrainingPanel } from '../../components/TrainingPanel';
import { KlBarsView } from '../../components/instruments/KlBarsView';
import { LatentMapView } from '../../components/instruments/LatentMapView';
import { ReconstructionsView } from '../../components/instruments/ReconstructionsView';
import '../pages.css';

const KL_CLOSED_FORM = String.raw`\mathrm{KL}\Big(\mathcal{N}(\mu, \sigma^2)\,\Big\|\,\mathcal{N}(0, 1)\Big) = \tfrac12\big(\mu^2 + \sigma^2 - \log\sigma^2 - 1\big)`;

export function KlPage() {
  return (
    <>
      <p className="lede">
        如果只看重构（reconstruction），上一节的整个想法会被悄无声息地推翻。损失里的第二项，让每个数字的那团云名副其实。
      </p>

      <section className="page-section">
        <h2>云为什么会缩成点</h2>
        <p>
          解码器（decoder）对同一张图像总是收到一模一样的编码时，重构误差最小。<Tex>{String.raw`z_k`}</Tex> 里的随机性只会帮倒忙。所以，假如重构是唯一的目标，训练就会把每个 <Tex>{String.raw`\sigma_k`}</Tex> 推向零：每团云都坍缩成一个点{' '}
          <Tex>{String.raw`\mu_k`}</Tex>，变分自编码器（variational autoencoder, VAE）也就成了一个普通的自编码器（autoencoder）。它的编码可以落在任何地方，聚成一个个孤岛，岛与岛之间是空荡荡的缝隙；从先验（prior）<Tex>{String.raw`\mathcal{N}(0, I)`}</Tex> 中抽出的编码，多半会落进解码器从未见过的缝隙。这样的模型重构得很好，生成的却是一堆垃圾。
        </p>
      </section>

      <section className="page-section">
        <h2>把每个后验拉向先验</h2>
        <p>
          因此，VAE 还要把编码器（encoder）给出的每个后验（posterior）<Tex>{String.raw`q(z \mid x)`}</Tex> 拉向标准正态分布。为了看清这为什么是正确的目标，不妨假设这股拉力完全得逞。把所有训练数字的云混合起来，每团云按它从数据中被挑中的频率 <Tex>{String.raw`\tilde p(x)`}</Tex> 加权：得到的就是解码器在训练中遇到的编码的分布，称为<strong>聚合后验</strong>（aggregate posterior），
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} q(z) &= \sum_x q(z \mid x)\, \tilde p(x) = \sum_x \mathcal{N}(0, I)\, \tilde p(x) \\ &= \mathcal{N}(0, I) \sum_x \tilde p(x) = \mathcal{N}(0, I). \end{aligned}`}</Tex>
        <p>
          最后一步只用到一件事：所有训练图像的概率加起来等于 1。所以，只要编码器的后验都接近 <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>，编码整体上就会毫无缝隙地填满先验，生成时从先验中抽取编码也就顺理成章。当然，它们不可能与先验完全相等：那样的话，编码就说不出关于图像的任何信息了。两项必须互相妥协。
        </p>
        <p>
          这里用 <Tex>q</Tex> 来写，这一点很要紧。把同样的求和换成模型的真实后验，
          <Tex>{String.raw`\sum_x p(z \mid x)\, p(x) = p(z)`}</Tex>，对任何模型都成立（它只不过是把联合分布 <Tex>{String.raw`p(x, z)`}</Tex> 对图像加总），因而什么也证明不了。用{' '}
          <Tex>q</Tex> 写出的结论才是实打实的：它说的是编码器学到了什么，而且它有可能不成立。
        </p>
        <p>
          最先想到的办法是加两个惩罚项：用 <Tex>{String.raw`\|f_1(x)\|^2`}</Tex> 把中心{' '}
          <Tex>{String.raw`\mu`}</Tex> 拖向 0，用 <Tex>{String.raw`\|f_2(x)\|^2`}</Tex> 把 <Tex>{String.raw`\log\sigma^2`}</Tex>{' '}
          拖向 0（也就是把 <Tex>{String.raw`\sigma`}</Tex> 拖向 1）。这样就多出两个权重，既要彼此权衡，又要与重构权衡。VAE 用的是单独一把尺子，衡量一个分布离另一个分布有多远，即 KL 散度（KL divergence）；对单个坐标，它有闭式解：
        </p>
        <Tex displayMode>{KL_CLOSED_FORM}</Tex>
        <p>
          有 <Tex>d</Tex> 个相互独立的坐标时，各坐标的散度相加，得到 <Tex>{String.raw`\tfrac12\sum_{i=1}^{d}(\mu_i^2 + \sigma_i^2 - \log\sigma_i^2 - 1)`}</Tex>。它干净利落地分成两部分：均值部分 <Tex>{String.raw`\mu^2`}</Tex>，在 <Tex>{String.raw`\mu = 0`}</Tex> 处最小；方差部分 <Tex>{String.raw`\sigma^2 - \log\sigma^2 - 1`}</Tex>，它从不为负，且只在 <Tex>{String.raw`\sigma = 1`}</Tex> 处为零（它对{' '}
          <Tex>{String.raw`\sigma^2`}</Tex> 的导数是 <Tex>{String.raw`1 - 1/\sigma^2`}</Tex>）。两部分带着同一个权重 <Tex>{String.raw`\tfrac12`}</Tex>：没有比例需要挑选。
        </p>
        <p>分别拉动其中一部分，看另一部分纹丝不动。</p>
        <div className="figure-slot" data-testid="figure-kl-parts">
          <KlPartsFigure />
        </div>
        <details className="derivation">
          <summary>闭式解的推导（单个坐标）</summary>
          <p>
            记后验的密度为 <Tex>{String.raw`q(z) = \frac{1}{\sqrt{2\pi\sigma^2}} e^{-(z-\mu)^2/2\sigma^2}`}</Tex>，标准正态的密度为{' '}
            <Tex>{String.raw`p(z) = \frac{1}{\sqrt{2\pi}} e^{-z^2/2}`}</Tex>。两个密度之比的对数很简单，因为指数函数取了对数，就只剩下指数：
          </p>
          <Tex displayMode>{String.raw`\log\frac{q(z)}{p(z)} = \tfrac12\Big(-\log\sigma^2 + z^2 - \frac{(z-\mu)^2}{\sigma^2}\Big).`}</Tex>
          <p>KL 散度是这个量在 <Tex>q</Tex> 下的平均，所以它拆成三个积分：</p>
          <Tex displayMode>{String.raw`\begin{aligned} \mathrm{KL}(q\,\|\,p) = \tfrac12\Big(&-\log\sigma^2 \underbrace{\int q(z)\,dz}_{=\,1} + \underbrace{\int z^2 q(z)\,dz}_{=\,\mu^2 + \sigma^2} \\ &- \frac{1}{\sigma^2}\underbrace{\int (z-\mu)^2 q(z)\,dz}_{=\,\sigma^2}\Big). \end{aligned}`}</Tex>
          <p>
            第一个积分等于 1，因为 <Tex>q</Tex> 是一个密度。第二个是 <Tex>{String.raw`z^2`}</Tex> 的平均，等于方差加上均值的平方。第三个就是方差本身，所以这一项等于{' '}
            <Tex>{String.raw`-1`}</Tex>。合起来：
          </p>
          <Tex displayMode>{String.raw`\mathrm{KL}(q\,\|\,p) = \tfrac12\big(-\log\sigma^2 + \mu^2 + \sigma^2 - 1\big).`}</Tex>
        </details>
      </section>

      <section className="page-section">
        <h2>损失，以及旋钮 β</h2>
        <p>
          把两项放在一起，一张像素为 <Tex>{String.raw`x_j`}</Tex> 的图像 <Tex>x</Tex> 的损失是
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} \mathcal{L}(x) = &\underbrace{-\sum_{j=1}^{784}\big[x_j \log \hat x_j + (1 - x_j)\log(1 - \hat x_j)\big]}_{\text{重构}} \\ &+\; \beta \cdot \underbrace{\tfrac12\sum_{i=1}^{d}\big(\mu_i^2 + \sigma_i^2 - \log\sigma_i^2 - 1\big)}_{\text{KL}}, \\ &\text{其中 } \hat x = g(z),\quad z = \mu + \sigma \odot \varepsilon,\quad \varepsilon \sim \mathcal{N}(0, I), \end{aligned}`}</Tex>
        <p>
          再对一批图像取平均。权重 <Tex>{String.raw`\beta`}</Tex>（beta）在最初的 VAE 中等于 1；取别的值，就得到所谓的“β-VAE”。拧动这个旋钮，是看清每一项各管什么的最快办法。
        </p>
        <p>
          两项的算法不一样。KL 是精确的：就是上面的闭式解，代入编码器输出的 <Tex>{String.raw`\mu`}</Tex> 和{' '}
          <Tex>{String.raw`\sigma`}</Tex> 求值。重构项本意是对整团云的平均，<Tex>{String.raw`\mathbb{E}_{q(z \mid x)}\big[-\log p(x \mid z)\big]`}</Tex>，而这个平均没有闭式解。所以每一步，训练程序为每个数字抽一个 <Tex>{String.raw`\varepsilon`}</Tex>，只解码这一个编码，并采用它的结果：这是一个<strong>单样本蒙特卡洛估计</strong>（one-sample Monte Carlo estimate），每一步都带着噪声，但平均而言是准的，而梯度下降需要的也仅此而已。下一节会说明，为什么这次抽样仍然可以求导。
        </p>
        <p>
          这些数的单位是什么？KL 的单位是<strong>奈特</strong>（nats），即取自然对数时的信息单位。重构项只有当它确实是被评分图像上某个概率分布的 <Tex>{String.raw`-\log p(x \mid z)`}</Tex> 时，单位才是奈特。对第 1 节那种每个像素一枚硬币的解码器来说，这要求像素非 0 即 1。MNIST 的像素是灰度值，而 VAE Lab 默认和大多数教程一样，把它们原样送进去。交叉熵仍然是一个合理的损失（对每个像素，它在{' '}
          <Tex>{String.raw`\hat x_j = x_j`}</Tex> 时最小），但作为灰度图像的函数，这些硬币概率的乘积在 <Tex>{String.raw`[0, 1]^{784}`}</Tex> 上的积分一般不等于 1，所以它不是归一化的似然，它的值不是对数概率，“奈特”只是一种说法而已。面板里的 <em>pixels</em>（像素）设置提供了诚实的版本：选 <em>binarized</em>（二值化），每一步都重新把每个像素随机定为亮或暗，亮的概率就是它的灰度值（留出的测试数字只二值化一次，所以它们的分数前后可比）。这样重构项就是真正的伯努利 <Tex>{String.raw`-\log p(x \mid z)`}</Tex>，两项的单位都是奈特。
        </p>
        <p>
          面板还提供平方误差 <Tex>{String.raw`\sum_j (x_j - \hat x_j)^2`}</Tex>。它同样是一个负对数似然，只不过属于另一种解码器：以 <Tex>{String.raw`\hat x`}</Tex> 为中心、每个像素的方差都固定为 <Tex>{String.raw`\tfrac12`}</Tex> 的正态分布，
        </p>
        <Tex displayMode>{String.raw`-\log \mathcal{N}\big(x;\ \hat x,\ \tfrac12 I\big) = \sum_{j=1}^{784} (x_j - \hat x_j)^2 + 392 \log \pi.`}</Tex>
        <p>
          常数项不影响训练。固定的方差却有影响：若方差为 <Tex>{String.raw`s^2`}</Tex>，平方误差就要除以 <Tex>{String.raw`2s^2`}</Tex>，这对最优解的改变，恰好和把{' '}
          <Tex>{String.raw`\beta`}</Tex> 乘以 <Tex>{String.raw`2s^2`}</Tex> 一样。所以选了平方误差，也就悄悄选定了重构与 KL 之间如何权衡。而且它是连续像素值的<strong>密度</strong>的对数，大小取决于那个随意定下的方差，而不像二值化时那样是概率的对数；面板不把它的单位叫作奈特。
        </p>
        <p className="callout">
          <strong>一个经典的 bug。</strong>注意，重构项是对 784 个像素<strong>求和</strong>，KL 是对{' '}
          <Tex>d</Tex> 个坐标求和；只有批次是取平均的。把对像素的求和换成对像素的平均（只是一个看似无害的{' '}
          <code>reduce_mean</code>），重构项相对于 KL 就缩小了 784 倍。于是 KL 大获全胜：每个后验都变成 <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>，KL 的读数几乎为 0，每个输出都是同一个模糊的平均数字。下方面板里的 <em>over pixels</em>（像素汇总方式）菜单，可以让你故意犯一次这个错误。
        </p>
      </section>

      <section className="page-section">
        <h2>看一看：从自编码器到坍缩</h2>
        <p>
          KL 项究竟换来了什么？它太弱或太强时又会怎样？先在 <Tex>{String.raw`\beta = 1`}</Tex> 下训练一分钟（或者用训练好的模型直接跳过训练），然后在 β 滑块上按 Home 键，把它设为 0：地图上的云缩成一个个点，数字类别之间裂开缝隙，KL 条形随之变长。再按 End 键，把 β 设为 100。我们用本项目自带的模型，以应用的学习率（在 node 中，运行同一份代码）做了这件事：KL 在 7 个训练步之内从约 6.5 奈特降到约 1，第 100 步时降到 0.25，约 160 步后第一次低于 0.1，第 400 步时读数为 0.04。中心挤向原点，选中数字的椭圆向单位圆膨胀，KL 条形趋向零（这些“坍缩”了的维度不携带任何关于图像的信息），每个重构都变成同一团模糊。对这个模型来说，温和一些的 β 还不够：β = 20 时，训练 400 步后它的 KL 仍有约 1.5 奈特。按键 1（或“1 · VAE”按钮）可以把 β 直接调回 1。
        </p>
        <TrainingPanel />
        <div className="figure-slot figure-wide" data-testid="figure-kl">
          <LatentMapView showAggregate />
          <div className="figure-stack">
            <h3 className="figure-title">每个隐变量维度上的 KL（奈特）</h3>
            <KlBarsView />
          </div>
          <div className="figure-span">
            <ReconstructionsView />
          </div>
        </div>
      </section>
    </>
  );
}
