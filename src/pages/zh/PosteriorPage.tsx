import { NotationBox } from '../../components/NotationBox';
import { PosteriorSampler } from '../../components/PosteriorSampler';
import { Tex } from '../../components/Tex';
import { TrainingPanel } from '../../components/TrainingPanel';
import { DrawDigitPad } from '../../components/instruments/DrawDigitPad';
import { LatentMapView } from '../../components/instruments/LatentMapView';
import '../pages.css';

export function PosteriorPage() {
  return (
    <>
      <p className="lede">
        上一节的捷径之所以失败，是因为一个随机编码没有任何理由变成某一张特定的图像。变分自编码器（variational autoencoder, VAE）给出的回答是：让每张图像拥有一小团属于它自己的编码云。
      </p>

      <section className="page-section">
        <h2>每张图像一个正态分布</h2>
        <p>
          把训练图像依次编号为 <Tex>{String.raw`x_1, x_2, \dots`}</Tex>，看其中的一张 <Tex>{String.raw`x_k`}</Tex>。反过来问：哪些编码 <Tex>z</Tex> 可能产生了这张图像？答案是编码上的一个分布，记作{' '}
          <Tex>{String.raw`p(z \mid x_k)`}</Tex>，称为 <Tex>{String.raw`x_k`}</Tex> 的<strong>后验</strong>（posterior）。之所以叫“后验”，是因为它表示看到图像<strong>之后</strong>我们对 <Tex>z</Tex> 的认识；先验（prior）<Tex>p(z)</Tex> 则是看到图像之前的认识。
        </p>
        <p>
          贝叶斯公式给出了它的样子：<Tex>{String.raw`p(z \mid x_k) = p(x_k \mid z)\,p(z) / p(x_k)`}</Tex>，但分母恰恰是上一节算不出来的那个对所有编码的积分。真实后验和 <Tex>p(x)</Tex> 本身一样难算，所以 VAE 用既有中心、又有散布的分布中最简单的一种来近似它：正态分布，每张图像一个，各坐标相互独立。它的密度记作 <Tex>{String.raw`q(z \mid x_k)`}</Tex>，字母 <Tex>q</Tex> 表明这是近似：
        </p>
        <Tex displayMode>{String.raw`q(z \mid x_k) = \mathcal{N}\big(z;\ \mu_k,\ \operatorname{diag}(\sigma_k^2)\big)`}</Tex>
        <p>
          这里 <Tex>{String.raw`\mu_k`}</Tex>（mu）是图像 <Tex>k</Tex> 那团云的中心，是一个和 <Tex>z</Tex> 一样长的向量；
          <Tex>{String.raw`\sigma_k^2`}</Tex>（sigma 的平方）为每个坐标存放一个方差，表示云沿各条轴散开多远；
          <Tex>{String.raw`\operatorname{diag}`}</Tex> 表示各个方向的散布相互独立，所以在二维地图上，这团云是一个与坐标轴对齐的椭圆。
          VAE 的正态性假设就放在这里：不只像第一节那样放在先验 <Tex>p(z)</Tex> 上，而是放在每一张图像的后验上。
        </p>
        <p>
          请记住这个散布度量的是什么。<Tex>{String.raw`\sigma_k`}</Tex> 是关于<strong>编码</strong>的不确定性：编码可以离 <Tex>{String.raw`\mu_k`}</Tex> 多远，而仍然是对 <Tex>{String.raw`x_k`}</Tex> 说得通的解释。它并不直接说明输出图像有多不确定；那是解码器（decoder）的事，由 <Tex>{String.raw`p(x \mid z)`}</Tex> 负责。
        </p>
      </section>

      <section className="page-section">
        <h2>两个网络算出这团云</h2>
        <p>
          没有人会把 <Tex>{String.raw`\mu_k`}</Tex> 和 <Tex>{String.raw`\sigma_k`}</Tex> 交到我们手上；而是由一个神经网络，即<strong>编码器</strong>（encoder），读入图像，输出它们。编码器有两个输出头：
        </p>
        <Tex displayMode>{String.raw`\mu_k = f_1(x_k), \qquad \log \sigma_k^2 = f_2(x_k).`}</Tex>
        <p>
          为什么拟合 <Tex>{String.raw`\log\sigma^2`}</Tex>，而不直接拟合 <Tex>{String.raw`\sigma^2`}</Tex>？方差必须是正数，而网络最后一层可以输出任何实数。正数的对数可以取任何实数值，而且无论{' '}
          <Tex>{String.raw`f_2`}</Tex> 输出什么，<Tex>{String.raw`\sigma^2 = e^{f_2(x_k)}`}</Tex> 总是正的，所以既不需要截断，也不需要特殊的激活函数。
        </p>
        <p>现在训练有了明确的配对。对图像 <Tex>{String.raw`x_k`}</Tex>：</p>
        <ol className="steps">
          <li>送进编码器：<Tex>{String.raw`\mu_k = f_1(x_k)`}</Tex>，<Tex>{String.raw`\log\sigma_k^2 = f_2(x_k)`}</Tex>；</li>
          <li>从它自己的云中抽一个编码：<Tex>{String.raw`z_k \sim \mathcal{N}\big(\mu_k, \operatorname{diag}(\sigma_k^2)\big)`}</Tex>；</li>
          <li>把编码解码为 <Tex>{String.raw`\hat x_k = g(z_k)`}</Tex>，并让 <Tex>{String.raw`\mathcal{D}(\hat x_k, x_k)^2`}</Tex> 尽量小。</li>
        </ol>
        <p>
          因为 <Tex>{String.raw`z_k`}</Tex> 来自 <Tex>{String.raw`x_k`}</Tex> 自己的后验，要求它解码回{' '}
          <Tex>{String.raw`x_k`}</Tex> 终于合情合理了。（对于黑白数字，VAE Lab 用 784 个像素上的交叉熵之和来衡量差异{' '}
          <Tex>{String.raw`\mathcal{D}`}</Tex>；像素大多不是全亮就是全暗，这正是自然的误差度量。训练面板里也可以改选平方误差。）
        </p>
        <p>
          所有符号至此都已登场。文章余下的部分只按下面这一种约定使用它们：
        </p>
        <NotationBox />
      </section>

      <section className="page-section">
        <h2>看一看：一个数字的云，以及从中抽出的编码</h2>
        <p>
          一个数字的后验长什么样？从它内部抽出的编码，真的会解码成那个数字吗？地图把 2,000 个留出的测试数字放在各自的中心{' '}
          <Tex>{String.raw`\mu`}</Tex> 处，按数字类别着色。点击任意一点即可选中它：两个椭圆分别标出{' '}
          <Tex>{String.raw`\mu`}</Tex> 周围一个和两个标准差 <Tex>{String.raw`\sigma`}</Tex> 的范围。然后按地图下方的{' '}
          <em>Draw ε</em>：每按一次，就从椭圆内部抽一个编码（标记随之跳过去），并把它解码。训练初期椭圆很大，抽出的样本五花八门；随着模型学习，样本会稳定为所选数字的各种干净的变体。
        </p>
        <TrainingPanel compact />
        <div className="figure-slot figure-wide" data-testid="figure-posterior">
          <LatentMapView showZ showDrawn />
          <PosteriorSampler />
        </div>
        <p>
          对任何图像，哪怕是它从未以任何形式见过的图像，编码器都会给出一团云吗？在画板上画一个数字。它的后验会以黑色椭圆出现在上方的地图上，模型对你这幅画的重构（reconstruction）则显示在画板旁边。勾选上方的 <em>use my drawing</em>（使用我的手绘），就会改从你这个数字的云中抽样，而不是从选中的那个数字的云中抽样。
        </p>
        <p>
          一个椭圆离它所代表的那个后验究竟有多远？编码只有两个数时，真实后验可以在网格上算出来：
          <a href="#/elbo" data-testid="link-true-posterior">第 7 节对任意一个测试数字画出了它</a>，旁边是编码器给出的椭圆和所能找到的最佳椭圆，并以奈特（nats）标出它们之间的间隙。
        </p>
        <div className="figure-slot" data-testid="figure-posterior-draw">
          <DrawDigitPad />
        </div>
      </section>
    </>
  );
}
