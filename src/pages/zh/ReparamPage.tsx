import { GradientEstimatorsFigure } from '../../components/figures/GradientEstimatorsFigure';
import { PosteriorSampler } from '../../components/PosteriorSampler';
import { Tex } from '../../components/Tex';
import { TrainingPanel } from '../../components/TrainingPanel';
import { LatentMapView } from '../../components/instruments/LatentMapView';
import { LatentSliders } from '../../components/instruments/LatentSliders';
import '../pages.css';

export function ReparamPage() {
  return (
    <>
      <p className="lede">
        训练需要损失对编码器（encoder）中每一个权重的导数。可是编码器和损失之间隔着一次随机抽样，而抛硬币是没法求导的。
      </p>

      <section className="page-section">
        <h2>抽样挡住了梯度</h2>
        <p>
          编码器输出 <Tex>{String.raw`\mu`}</Tex> 和 <Tex>{String.raw`\sigma`}</Tex>；接着抽出一个编码{' '}
          <Tex>{String.raw`z \sim \mathcal{N}\big(\mu, \operatorname{diag}(\sigma^2)\big)`}</Tex>，再把它解码。反向传播（backpropagation），即逐层运用的链式法则，需要知道当 <Tex>{String.raw`\mu`}</Tex> 或{' '}
          <Tex>{String.raw`\sigma`}</Tex> 改变一点点时，<Tex>z</Tex> 会怎样变化。写成“从这个分布中抽样”的话，这个问题就没有答案：抽出来的是一个全新的随机数，而不是 <Tex>{String.raw`\mu`}</Tex> 的函数。
        </p>
        <p>
          出路在于看出：所有正态分布其实都是同一个分布，只是经过了平移和拉伸。取编码的一个坐标{' '}
          <Tex>{String.raw`z \sim \mathcal{N}(\mu, \sigma^2)`}</Tex>，作代换 <Tex>{String.raw`\varepsilon = (z - \mu)/\sigma`}</Tex>，于是{' '}
          <Tex>{String.raw`dz = \sigma\, d\varepsilon`}</Tex>：
        </p>
        <Tex displayMode>{String.raw`\frac{1}{\sqrt{2\pi\sigma^2}}\, e^{-\frac{(z-\mu)^2}{2\sigma^2}}\, dz \;=\; \frac{1}{\sqrt{2\pi}}\, e^{-\frac{\varepsilon^2}{2}}\, d\varepsilon.`}</Tex>
        <p>
          右边正是标准正态分布的密度。所以“<Tex>z</Tex> 从 <Tex>{String.raw`\mathcal{N}(\mu, \sigma^2)`}</Tex> 中抽出”和“<Tex>{String.raw`\varepsilon`}</Tex>（epsilon）从 <Tex>{String.raw`\mathcal{N}(0, 1)`}</Tex> 中抽出，然后令{' '}
          <Tex>{String.raw`z = \mu + \varepsilon\sigma`}</Tex>”说的完全是一回事。编码器给出的云各坐标相互独立，所以每个坐标都可以这样处理，各用各的 <Tex>{String.raw`\varepsilon_i`}</Tex>；对整个向量，
        </p>
        <Tex displayMode>{String.raw`z = \mu + \varepsilon \odot \sigma, \qquad \varepsilon \sim \mathcal{N}(0, I),`}</Tex>
        <p>
          其中 <Tex>{String.raw`\odot`}</Tex> 表示逐个坐标相乘。这就是<strong>重参数化技巧</strong>（reparameterization trick）。随机性现在经由 <Tex>{String.raw`\varepsilon`}</Tex> 从侧面进入，而它不依赖任何权重。在从权重到损失的路径上，
          <Tex>z</Tex> 只是普通的加法和乘法，<Tex>{String.raw`\partial z / \partial \mu = 1`}</Tex>，
          <Tex>{String.raw`\partial z / \partial \sigma = \varepsilon`}</Tex>，反向传播可以直接穿过去。
        </p>
      </section>

      <section className="page-section">
        <h2>看一看：一个数字，多次抽取 ε</h2>
        <p>
          对一个真实的数字，<Tex>{String.raw`z = \mu + \varepsilon \odot \sigma`}</Tex> 是什么样子？在地图上选一个数字（已经替你选好了一个），然后按几次 <em>Draw ε</em>。每按一次就抽一个新的 <Tex>{String.raw`\varepsilon`}</Tex>，标记跳到该数字椭圆内的 <Tex>{String.raw`\mu + \varepsilon \odot \sigma`}</Tex> 处；读数列出这笔算术，下方的滑块逐个坐标显示新的 <Tex>z</Tex>，以及它解码出的数字。让模型继续训练：随着 <Tex>{String.raw`\mu`}</Tex> 和{' '}
          <Tex>{String.raw`\sigma`}</Tex> 移动，同一个 <Tex>{String.raw`\varepsilon`}</Tex> 会带着它的样本平滑地跟着走。这种平滑的依赖，正是梯度所需要的。
        </p>
        <TrainingPanel compact />
        <div className="figure-slot figure-wide" data-testid="figure-reparam">
          <LatentMapView showZ />
          <div className="figure-stack">
            <PosteriorSampler count={6} />
            <LatentSliders showPad={false} digitSizePx={140} />
          </div>
        </div>
      </section>

      <section className="page-section">
        <h2>为什么不换个办法估计梯度？</h2>
        <p>
          对随机抽样的平均值求导，还有另一种办法：<strong>得分函数估计量</strong>（score-function estimator，又称 REINFORCE）。对函数 <Tex>f</Tex> 和 <Tex>{String.raw`z \sim \mathcal{N}(\mu, \sigma^2)`}</Tex>，下面两种写法平均而言都是对的：
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} \frac{\partial}{\partial\mu}\,\mathbb{E}\big[f(z)\big] &= \underbrace{\mathbb{E}_{\varepsilon}\big[f'(\mu + \varepsilon\sigma)\big]}_{\text{重参数化}} \\ &= \underbrace{\mathbb{E}_{z}\Big[f(z)\,\frac{z - \mu}{\sigma^2}\Big]}_{\text{得分函数}}. \end{aligned}`}</Tex>
        <p>
          （<Tex>{String.raw`\mathbb{E}`}</Tex> 表示“对随机抽样取平均”。）得分函数估计量不需要 <Tex>f</Tex> 的导数，所以连离散的选择也能处理；但它只能从 <Tex>f</Tex> 碰巧取值多大中学习，而不能从 <Tex>f</Tex> 朝哪个方向倾斜中学习。单次估计围绕真值散得有多开？下图在一个一维问题上对每种估计量各抽取 500 个估计值。两者的平均都落在真实梯度（虚线）上；得分函数的估计值通常散得宽得多，放到训练里，就是嘈杂而缓慢的步子。调高每次估计所用的样本数，两者都会收窄，但差距依然存在。
        </p>
        <GradientEstimatorsFigure />
      </section>
    </>
  );
}
