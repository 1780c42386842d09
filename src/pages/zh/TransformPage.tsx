import { GreySmudgeFigure } from '../../components/figures/GreySmudgeFigure';
import { Tex } from '../../components/Tex';
import { TrainingPanel } from '../../components/TrainingPanel';
import { ManifoldGridView } from '../../components/instruments/ManifoldGridView';
import { ReconstructionsView } from '../../components/instruments/ReconstructionsView';
import '../pages.css';

export function TransformPage() {
  return (
    <>
      <p className="lede">
        程序怎样才能造出一个谁也没写过的手写数字？先从容易造的东西入手：随机数。再学一个函数，把随机数弯折成数字。
      </p>

      <section className="page-section">
        <h2>目标：图像上的一个分布</h2>
        <p>
          把一张图像记作 <Tex>x</Tex>：它是 784 个像素亮度组成的列表。60,000 张训练图像是从某个未知分布中抽出来的，所谓分布，就是一条规定每一张可能的图像有多大可能出现的规则。784 个数随便组成的列表，绝大多数是雪花般的噪点，概率接近零；看上去像数字的那些分得了其余的概率。要是掌握了这条规则，我们就能从中抽样，得到新的数字。可我们手里关于它的一切只有数据集本身；从数据集里随机挑一张图像，这本身也是一个分布，记作{' '}
          <Tex>{String.raw`\tilde p(x)`}</Tex>。
        </p>
        <p>
          真正的规则谁也没法写成公式。于是我们用能写下来的部件把它搭出来。先从标准正态分布中抽一个短向量 <Tex>z</Tex>，它叫作<strong>隐编码</strong>（latent code；“隐”即隐藏：它从来不会被观测到）：
        </p>
        <Tex displayMode>{String.raw`z \sim \mathcal{N}(0, I)`}</Tex>
        <p>
          这句话的意思是：<Tex>z</Tex> 的每个坐标都是一条独立的钟形曲线，中心在 0，标准差为 1（<Tex>I</Tex> 是单位矩阵，这个协方差表示“方差为 1，彼此不相关”）。然后把 <Tex>z</Tex> 送进一个神经网络 <Tex>g</Tex>，即
          <strong>生成器</strong>（generator），也叫<strong>解码器</strong>（decoder），得到一张图像{' '}
          <Tex>{String.raw`\hat x = g(z)`}</Tex>。“帽子”标记的是模型生成的东西，而不是来自数据的东西。
        </p>
        <p>
          <Tex>g</Tex> 输出的究竟是什么？在 VAE Lab 里，使用默认损失时，它给每个像素输出一个 0 到 1 之间的数：该像素“亮”的概率，就好像每个像素都是一枚独立的硬币，各有各的偏向。所以 <Tex>g</Tex> 画的并不是某一张图像；它描述的是图像上的一个分布，
        </p>
        <Tex displayMode>{String.raw`p(x \mid z) = \prod_{j=1}^{784} \hat x_j^{\,x_j}\,(1 - \hat x_j)^{1 - x_j}, \qquad \hat x = g(z),`}</Tex>
        <p>
          而 VAE Lab 为一个编码显示的灰色图片，是把这 784 个均值 <Tex>{String.raw`\hat x_j`}</Tex> 画成亮度，并不是一次抛硬币得到的样本（那样的样本会是黑白相间的斑点）。严格地说，硬币描述的是非亮即暗的像素，而 MNIST
          的像素是灰度值；讲 KL 散度（KL divergence）的那一节会回过头来谈这样做的代价。
        </p>
        <p>
          这两步定义了图像上的一个分布。它给图像 <Tex>x</Tex> 的概率，是对每一个编码求和：编码本身的可能性，乘以生成器把它变成 <Tex>x</Tex> 的可能性：
        </p>
        <Tex displayMode>{String.raw`p(x) = \sum_z p(x \mid z)\, p(z) \qquad \text{（对连续的 } z\text{ 则是积分）}`}</Tex>
        <p>
          这里 <Tex>p(z)</Tex> 就是我们选定的那条钟形曲线，称为<strong>先验</strong>（prior）；
          <Tex>{String.raw`p(x \mid z)`}</Tex>（读作“给定 z 时 x 的概率”）是编码固定之后图像 <Tex>x</Tex> 的概率。训练就是选择 <Tex>g</Tex>，让这个 <Tex>p(x)</Tex> 与数据分布 <Tex>{String.raw`\tilde p(x)`}</Tex> 吻合。
          GAN 与变分自编码器（variational autoencoder, VAE）共用的正是这个方案；它们的区别在于怎样判定两个分布“相同”。
        </p>
      </section>

      <section className="page-section">
        <h2>难点：我们只有样本</h2>
        <p>
          衡量两个分布 <Tex>p</Tex> 与 <Tex>q</Tex> 之间差异的常用尺子，是 Kullback–Leibler 散度（简称 KL 散度）：
        </p>
        <Tex displayMode>{String.raw`\mathrm{KL}(p \,\|\, q) = \int p(x) \log \frac{p(x)}{q(x)}\, dx,`}</Tex>
        <p>
          两个分布一致时它为零，否则为正。计算它需要两个密度的公式，以便在每个 <Tex>x</Tex> 处求值。这两样我们都没有：数据是一堆 60,000 张图像，而模型的 <Tex>p(x)</Tex> 是对所有编码的积分，谁也无法精确算出，尽管从中抽样很容易。只有两堆样本，这个积分是算不出来的。
        </p>
        <p>
          许多教程里都有一条诱人的捷径：从先验中抽一个编码 <Tex>{String.raw`z_k`}</Tex>，把它解码成{' '}
          <Tex>{String.raw`\hat x_k = g(z_k)`}</Tex>，再挑一张真实图像 <Tex>{String.raw`x_k`}</Tex>，然后最小化两者之间的平方距离：
        </p>
        <Tex displayMode>{String.raw`\text{最小化}\ \ \mathcal{D}\big(\hat x_k, x_k\big)^2 \quad\text{其中 } z_k \sim \mathcal{N}(0, I).`}</Tex>
        <p>
          这行不通。随机的 <Tex>{String.raw`z_k`}</Tex> 与这张特定的 <Tex>{String.raw`x_k`}</Tex> 之间毫无关联：同一个编码今天配上一个 3，明天配上一个 7。面对任意的配对，<Tex>g</Tex> 最多只能输出所有数字的平均，也就是一团灰色的污迹。要靠比较图像来训练生成器，每张真实图像都必须配有属于它自己的编码。这正是下一节的主题。
        </p>
        <p>下面就是这条捷径，只训练了几秒钟。</p>
        <div className="figure-slot" data-testid="figure-transform-smudge">
          <GreySmudgeFigure />
        </div>
      </section>

      <section className="page-section">
        <h2>看一看：随机编码解码出来的样子</h2>
        <p>
          把钟形曲线的噪声推过一个学出来的 <Tex>g</Tex>，真能得到数字吗？下图抽取新的编码{' '}
          <Tex>{String.raw`z \sim \mathcal{N}(0, I)`}</Tex>，用当前的生成器解码（最下一行），放在真实的测试数字（最上一行）和模型对它们的复制品（中间一行）下面。训练开始前它们只是噪声；启动模型，看着它们在一两分钟内先变成笔画，再变成数字。
        </p>
        <TrainingPanel compact />
        <div className="figure-slot" data-testid="figure-transform">
          <ReconstructionsView />
        </div>
        <p>
          生成器是从编码平面到图像的函数，所以我们也可以一眼看到它的全貌。编码由两个数组成时，在平面上铺一张网格，网格的间距取得让每个格子恰好分到钟形曲线概率中相等的一份，然后把每个格点都解码出来。每个数字都渐渐融入它的邻居：
          <Tex>g</Tex> 把圆圆的一团编码弯折成了手写体的地貌。
        </p>
        <div className="figure-slot" data-testid="figure-transform-grid">
          <ManifoldGridView />
        </div>
      </section>
    </>
  );
}
