import { Tex } from '../../components/Tex';
import { TrainingPanel } from '../../components/TrainingPanel';
import { ReconstructionsView } from '../../components/instruments/ReconstructionsView';
import '../pages.css';

export function IntroPage() {
  return (
    <>
      <p className="lede">
        变分自编码器（variational autoencoder, VAE）能学会创作手写数字。在你阅读的同时，这个实验室就在真实的MNIST数据集上训练一个VAE，这个数据集收录了从表格上扫描下来的60,000个数字。下面的每一幅图都是在你自己的机器上、由网络此刻的样子算出来的：要么是正在你浏览器里训练的那个网络，要么（如果你选择了<strong>跳过训练</strong>）是本项目早先用同一套代码训练好的模型，在它显示期间，面板上会写明是哪一个。没有一幅图是事先画好的。
      </p>

      <section className="page-section">
        <h2>使用方法</h2>
        <ol className="steps">
          <li>
            按下方的<strong>开始训练</strong>。模型在后台线程里训练，你可以继续阅读、滚动页面；无论在哪一页，菜单里的状态行都会显示训练进行到了哪里。赶时间？<strong>跳过训练</strong>会载入本项目早先训练好的模型，面板上总会写明当前显示的是哪一个。
          </li>
          <li>
            按顺序阅读各节（目录在左侧；在手机上，点<strong>目录</strong>即可看到）。每一节提出一个问题，用文字和公式回答它，然后在一幅图中实时展示这个答案。
          </li>
          <li>
            动手摆弄这些图。它们读取的都是同一个模型，所以你在某一页上做的改动（比如在KL页上调整KL权重β）会在其他所有页面上体现出来。
          </li>
          <li>
            设置保存在地址栏里，所以你复制的链接能重现你的实验。<strong>重置</strong>会从随机权重重新开始。
          </li>
        </ol>
        <p>
          你需要懂一点微积分：导数、积分和对数。除了“正态分布是一条钟形曲线”之外，不假定你懂任何统计学；每个符号都在它首次出现的地方给出定义。
        </p>
      </section>

      <section className="page-section">
        <h2>本页的模型</h2>
        <p>
          下面就是所有页面共享的那一个模型。在默认设置下，它把每张28 × 28的图像（784个数）压缩成仅仅两个数，即它的<strong>编码</strong>，再试着从这两个数重建出图像。顶行是模型从不拿来训练的留出（held-out）数字，每类一个；中间一行是它根据这些数字的编码重建出的图像；最底下一行则是凭空生成的，由随机编码解码而来。开始训练，看看下面两行如何在一分钟之内变得清晰。
        </p>
        <TrainingPanel />
        <div className="figure-slot" data-testid="figure-intro">
          <ReconstructionsView />
        </div>
      </section>

      <section className="page-section">
        <h2>更大的图景</h2>
        <p>
          <strong>生成模型</strong>（generative model）是一种能产生新样本的程序，这些样本看起来就像它的训练数据。生成模型大致分为三大类，了解VAE在其中的位置会有帮助。
        </p>
        <ul>
          <li>
            <strong>精确似然。</strong>PixelRNN、PixelCNN等模型把一幅图像的概率写成逐个像素的概率之积，<Tex>{String.raw`p(x) = \prod_i p(x_i \mid x_1, \dots, x_{i-1})`}</Tex>。
            它们能精确地给任何图像打分，但必须一个像素一个像素地画图，速度很慢。
          </li>
          <li>
            <strong>近似似然。</strong>VAE无法精确计算一幅图像的概率 <Tex>{String.raw`p(x)`}</Tex>，但能算出它的一个有保证的下界，即第7节的证据下界（evidence lower bound, ELBO），并把这个下界往上推。它一次就能画出整幅图像。
          </li>
          <li>
            <strong>完全不用似然。</strong>生成对抗网络（generative adversarial network, GAN）从不写出概率，而是由第二个网络，即判别器（critic），来判断样本看起来是否真实。
          </li>
        </ul>
        <p>
          VAE还引出了一个远远超出图像范围的思想：<strong>变分推断</strong>（variational inference）。当一个概率分布复杂得无法计算时，就挑一族简单的分布（比如正态分布），用普通的优化方法在这一族里寻找与目标分布最接近的成员。马尔可夫链蒙特卡洛（MCMC）之类的采样方法更精确，但更慢；拉普拉斯近似（在峰值处拟合一条钟形曲线）更快，但更粗糙。变分推断介于两者之间，而VAE就是一个学会了同时为每一幅图像做变分推断的神经网络。
        </p>
        <p>
          各节沿用苏剑林2018年一篇讲VAE的文章的论证思路，那篇文章又以Kingma和Welling的论文
          <cite> Auto-Encoding Variational Bayes</cite>（2014）为基础；文章里写公式的地方，本站配上了一幅可交互的图。
        </p>
        <p><a className="start-reading" href="#/transform">开始阅读：1. 分布变换 →</a></p>
      </section>
    </>
  );
}
