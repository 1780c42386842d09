import { CvaeTrainer } from '../../components/CvaeTrainer';
import { Tex } from '../../components/Tex';
import { CvaeClassRows } from '../../components/instruments/CvaeClassRows';
import { ReconstructionsView } from '../../components/instruments/ReconstructionsView';
import { TruePosteriorView } from '../../components/instruments/TruePosteriorView';
import { useLabState } from '../../hooks/useLab';
import '../pages.css';

/**
 * The accuracies the English page quotes (measured there; see the README's page table), the same
 * numbers in both languages.
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
  const kind = useLabState((s) => (s.config.kind === 'standard' ? '标准 CVAE' : '原文的 CVAE'));
  const latentDim = useLabState((s) => s.config.latentDim);
  if (!reading) return <>你的模型还没有测量过；分类器训练好之后，这里就会显示读数。</>;
  return (
    <>
      你的模型此刻（{kind}，隐变量维数 {latentDim}，第 {reading.step.toLocaleString('en-US')} 步）：生成的样本中有{' '}
      <strong data-testid="cvae-accuracy-prose">{(100 * reading.accuracy).toFixed(1)}%</strong> 被认作生成时指定的类别。
    </>
  );
}

export function CvaePage() {
  return (
    <>
      <p className="lede">
        变分自编码器（variational autoencoder, VAE）能生成数字，但你没法向它点名要一个 7：你抽一个随机编码，那里住着哪个数字，就得到哪个数字。有了标签，就能自己挑选。本页尝试两种使用标签的方式，并测量每一种有多听话。
      </p>

      <section className="page-section">
        <h2>原文的想法：每个类别一个先验均值</h2>
        <p>
          MNIST 带有标签：每张图像 <Tex>X</Tex> 都标明了它显示的数字 <Tex>Y</Tex>，从 0 到 9。普通的 VAE 把每个后验（posterior）都拉向同一个标准正态分布 <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>，所以十个数字共用编码空间里的同一片区域。苏剑林那篇文章里的条件 VAE（conditional VAE, CVAE）则给每个类别各自的目标，也就是各自的先验（prior）：一个以学到的点 <Tex>{String.raw`\mu^Y`}</Tex> 为中心、方差为 1 的正态分布，每个数字一个点。改变的只有 KL 项：图像所属类别的中心取代了原点：
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} &\mathrm{KL}\Big(\mathcal{N}(\mu, \sigma^2)\,\Big\|\,\mathcal{N}(\mu^Y, I)\Big) \\ &\quad= \tfrac12 \sum_{i=1}^{d}\Big(\big(\mu_i - \mu^Y_i\big)^2 + \sigma_i^2 - \log\sigma_i^2 - 1\Big). \end{aligned}`}</Tex>
        <p>
          方差部分与第 3 节相同；均值部分现在量的是到 <Tex>{String.raw`\mu^Y`}</Tex> 的距离，而不是到 0 的距离。这十个中心是额外的参数，和权重一样由梯度下降学出来。想要一个类别为 <Tex>y</Tex> 的数字，就抽取{' '}
          <Tex>{String.raw`z \sim \mathcal{N}(\mu^y, I)`}</Tex>，再用和前面一样的解码器（decoder）<Tex>g</Tex> 把它解码。
        </p>
        <h3>为什么它的引导力很弱</h3>
        <p>
          在这里，标签只通过编码所处的<strong>位置</strong>起作用：编码器（encoder）和解码器都从来看不到它。编码只有两个数时，这一个平面必须同时装下“它是哪个数字”和“它是怎么写的”。平面里十团方差为 1 的云，除非中心彼此相隔好几个单位，否则就会重叠；而 KL 项要为偏离中心的每一个单位付出代价，所以各个类别最后只好共用地盘。在 5 的中心附近抽出的编码，可能落在解码器写出 8 的地方；一个固定的偏移 <Tex>{String.raw`\Delta z`}</Tex> 把编码移进另一个类别的地盘，和把它移到另一种写法一样容易。用下文的分类器来测量：本项目自带的原文 CVAE，隐变量（latent variable）维数为 2，在 1,000 个先验样本中有 {MEASURED.essayShipped} 生成了所要求的类别。更长的编码给各个类别更多空间：在隐变量维数 8 下训练 1,500 步后，同一个模型在我们的测量中达到了 {MEASURED.essayLatent8}。在下面的模型上试试隐变量维数 8，看看读数怎样变化。
        </p>
      </section>

      <section className="page-section">
        <h2>标准 CVAE：把标签告诉解码器</h2>
        <p>
          Sohn、Lee 和 Yan（2015）提出的条件 VAE 把标签直接交给网络本身。编码器读入图像和它的独热（one-hot）标签，<Tex>{String.raw`q(z \mid x, y)`}</Tex>；解码器读入编码和标签，
          <Tex>{String.raw`p(x \mid z, y)`}</Tex>；所有类别都保留同一个先验 <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>：
        </p>
        <Tex displayMode>{String.raw`\mathcal{L}(x, y) = \mathbb{E}_{q(z\mid x, y)}\big[\log p(x \mid z, y)\big] - \mathrm{KL}\big(q(z \mid x, y)\,\big\|\,\mathcal{N}(0, I)\big).`}</Tex>
        <p>
          既然解码器已经被告知要写哪个数字，编码就不必再交代这一点：那两个数可以腾出来描述写法（倾斜、粗细、宽窄），同一个 <Tex>z</Tex> 配上十个标签解码，应当得到出自同一手笔的十个数字。本项目自带的标准 CVAE（隐变量维数 2）按同样的方法评分，在 1,000 个样本中有{' '}
          {MEASURED.standardShipped} 写出了所要求的类别。评判者是一个小型分类器（784-256-10，训练两个 epoch），在本页打开时由你的浏览器用训练数字训练出来；对它从未见过的 10,000 个测试数字，它的正确率约为 {MEASURED.classifierTest}。
        </p>
      </section>

      <section className="page-section">
        <h2>两种都试试：在这里训练一个 CVAE</h2>
        <p>
          这是第二个模型，在本页上从零开始训练；启动它会暂停主模型（在大多数机器上，两个训练程序同时运行，各自只有一半速度）。选择要训练哪一种条件 VAE，按下 <em>Start training</em>（开始训练），给它一两分钟；或者直接跳到这一种的自带模型。<LiveAccuracySentence />
        </p>
        <CvaeTrainer />
        <p>
          选一个类别：数字由该类别的先验中心加上滑块设定的偏移 <Tex>{String.raw`\Delta z`}</Tex> 解码而来（原文的 CVAE 用{' '}
          <Tex>{String.raw`\mu^y + \Delta z`}</Tex>；标准 CVAE 用 <Tex>{String.raw`\Delta z`}</Tex> 加上标签 <Tex>y</Tex>，它的中心全都是 0）。在地图上，原文的 CVAE 用带编号的方块标出它学到的十个中心；标准 CVAE 中所有类别的编码共享原点周围的同一团云，因为类别不必再住在编码里。
        </p>
        <p>
          下面每一行是一个类别，每一列是一个偏移，十行用的偏移都一样。用标准 CVAE 时，一列保持同一种写法，每一行保持自己的数字；用原文的 CVAE 时，沿着一列往下看，数字本身常常就变了。
        </p>
        <div className="figure-slot">
          <CvaeClassRows />
        </div>
        <p>
          下面这一条依次为每个类别解码一个随机编码，旁边是测试数字和它们的重构（reconstruction）。
        </p>
        <div className="figure-slot" data-testid="figure-cvae-samples">
          <ReconstructionsView />
        </div>
        <p>
          “变分”在哪里一节的真实后验图对这个模型同样适用。条件模型给一个数字的先验由它的标签决定：原文的 CVAE
          是 <Tex>{String.raw`\mathcal{N}(\mu^y, I)`}</Tex>；标准 CVAE 是 <Tex>{String.raw`\mathcal{N}(0, I)`}</Tex>，同时标签也交给编码器和解码器。所以下面的网格用测试数字自己的标签 <Tex>y</Tex> 对{' '}
          <Tex>{String.raw`p(x \mid z, y)\, p(z \mid y)`}</Tex> 积分，图中的 <Tex>{String.raw`\log p(x)`}</Tex> 就是{' '}
          <Tex>{String.raw`\log p(x \mid y)`}</Tex>：告诉模型这是哪个数字之后，它认为这张图有多大可能。
        </p>
        <div className="figure-slot figure-wide" data-testid="figure-cvae-true-posterior">
          <TruePosteriorView heldOut={false} />
        </div>
      </section>
    </>
  );
}
