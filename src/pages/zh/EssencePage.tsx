import { MeanSigmaTrace } from '../../components/MeanSigmaTrace';
import { Tex } from '../../components/Tex';
import { TrainingPanel } from '../../components/TrainingPanel';
import { AeVaeInterpolationFigure } from '../../components/figures/AeVaeInterpolationFigure';
import { InterpolationView } from '../../components/instruments/InterpolationView';
import { LossChartView } from '../../components/instruments/LossChartView';
import '../pages.css';

export function EssencePage() {
  return (
    <>
      <p className="lede">
        剥去概率论的语言，变分自编码器（variational autoencoder, VAE）原来是一样熟悉的东西：一个自编码器（autoencoder），它给自己的编码加上噪声，而且加多少由它自己决定。
      </p>

      <section className="page-section">
        <h2>中间带噪声的自编码器</h2>
        <p>跟着一张图像 <Tex>x</Tex> 走一遍训练好的模型。用上一节的重参数化技巧（reparameterization trick），</p>
        <Tex displayMode>{String.raw`\hat x = g\big(\mu(x) + \sigma(x) \odot \varepsilon\big), \qquad \varepsilon \sim \mathcal{N}(0, I).`}</Tex>
        <p>
          去掉其中的 <Tex>{String.raw`\sigma(x)\odot\varepsilon`}</Tex>，这就是一个普通的自编码器：编码器（encoder）<Tex>{String.raw`\mu(\cdot)`}</Tex> 把图像压缩成一段简短的编码，解码器（decoder）<Tex>g</Tex> 再把它展开还原，两者一起训练，让这一去一回尽量忠实。VAE在解码之前给编码加上高斯噪声，于是解码器必须学会：不只从编码本身，而是从编码附近的任何位置，都能画出正确的数字。正是这一点填补了编码之间的空隙，让随机取的编码也能解码。
        </p>
        <p>
          这样一来，KL散度（KL divergence）那一项的两个部分读起来就是两个朴素的正则项。均值部分 <Tex>{String.raw`\tfrac12\mu^2`}</Tex>{' '}
          把编码留在零附近，使它们无法靠彼此远远散开来躲避噪声。方差部分{' '}
          <Tex>{String.raw`\tfrac12(\sigma^2 - \log\sigma^2 - 1)`}</Tex> 不让噪声被关掉：当{' '}
          <Tex>{String.raw`\sigma \to 0`}</Tex> 时，它会无限增大。
        </p>
      </section>

      <section className="page-section">
        <h2>会自我调节的噪声：一场拔河</h2>
        <p>
          去噪自编码器（denoising autoencoder）训练时也加噪声，但噪声加在<strong>输入</strong>图像上，强度由工程师事先定好。VAE则把噪声加在<strong>编码</strong>上，噪声的强度 <Tex>{String.raw`\sigma(x)`}</Tex>{' '}
          是编码器的一个输出，和其他部分一样经过训练。损失的两项把它往相反的方向拉：重构（reconstruction）希望{' '}
          <Tex>{String.raw`\sigma = 0`}</Tex>（噪声只会让结果变模糊），KL则希望{' '}
          <Tex>{String.raw`\sigma = 1`}</Tex> 且 <Tex>{String.raw`\mu = 0`}</Tex>。
        </p>
        <p>
          <Tex>{String.raw`\sigma`}</Tex> 最终停在哪里？不是停在两项一样大的地方。在下面的图表里，重构误差比KL大几十倍，可KL依然守得住自己的阵地，因为优化器比较的不是大小，而是斜率。把{' '}
          <Tex>{String.raw`\sigma`}</Tex> 缩小一点：KL会上升一小点，而重构误差会下降，因为解码器现在看到的编码更清晰了。如果重构误差的下降超过KL上升量的{' '}
          <Tex>{String.raw`\beta`}</Tex> 倍，总损失就会下降，<Tex>{String.raw`\sigma`}</Tex> 会继续缩小；如果不到这个倍数，它就会回升。所以{' '}
          <Tex>{String.raw`\sigma`}</Tex> 停在两个斜率相互平衡的地方：在那里，KL每增加1奈特（nats），恰好能换来重构误差减少{' '}
          <Tex>{String.raw`\beta`}</Tex> 奈特，不多也不少。当{' '}
          <Tex>{String.raw`\beta = 1`}</Tex> 时，就是1奈特换1奈特。
        </p>
        <Tex displayMode>{String.raw`\begin{aligned} -\frac{\partial\, \text{重构}}{\partial \sigma_i} &= \beta\, \frac{\partial\, \text{KL}}{\partial \sigma_i}, \\ \text{其中}\quad \frac{\partial\, \text{KL}}{\partial \sigma_i} &= \sigma_i - \frac{1}{\sigma_i} \quad \text{对每个坐标 } i. \end{aligned}`}</Tex>
        <p>
          哪一方都无法彻底获胜。KL对 <Tex>{String.raw`\sigma`}</Tex> 的推力 <Tex>{String.raw`1/\sigma - \sigma`}</Tex> 在{' '}
          <Tex>{String.raw`\sigma \to 0`}</Tex> 时无限增大；而噪声一旦小到不再改变解码器画出的东西，再把它减小，重构得到的好处就越来越少，所以噪声永远不会降到零。反过来，在{' '}
          <Tex>{String.raw`\sigma = 1`}</Tex>、<Tex>{String.raw`\mu = 0`}</Tex> 处，KL的斜率为零，而一个携带图像信息的编码仍能在重构误差上省下许多奈特，所以KL也不会通吃（除非把{' '}
          <Tex>{String.raw`\beta`}</Tex> 调得很大）。双方由同一个优化器同时训练，彼此适应。不妨对比一下生成对抗网络（GAN）：在那里，生成器和判别器（critic）轮流更新，一方移动时另一方原地不动。
        </p>
      </section>

      <section className="page-section">
        <h2>为什么VAE画的数字看起来发虚</h2>
        <p>
          VAE的样本模糊是出了名的，而上面这些道理正好解释了原因。一个编码，尤其是只有两个数的编码，无法确定图像的每一个细节：许多略有差别的手写3共享几乎相同的编码，而编码中的噪声又让它们之间的界限更加模糊。给定一个编码，解码器把每个像素当作一枚独立的硬币，所以对每个像素单独而言，它最多只能预测这个编码可能代表的所有图像的平均。在这些图像互相矛盾的地方（笔画的确切边缘、一个圈是闭合还是开口），平均出来就是灰色。而这里展示的恰恰就是这个平均，即解码器给出的逐像素均值，而不是从中抽取的样本。若似然允许像素之间相互依赖，样本就会更清晰；编码更长，重构就会更清晰。这种模糊，是这个模型对其编码未能确定之处的诚实回答。
        </p>
      </section>

      <section className="page-section">
        <h2>亲眼看看：训练过程中的两项损失与噪声</h2>
        <p>
          上面的故事在数字上看得出来吗？图表跟踪共享模型训练时每张数字图像的重构误差和KL，圆点是在留出数据（held-out）上的得分；图表下方是编码的平均噪声水平{' '}
          <Tex>{String.raw`\sigma`}</Tex>。在默认设置下从头训练，<Tex>{String.raw`\sigma`}</Tex> 起初接近1（未经训练的编码器输出{' '}
          <Tex>{String.raw`\log\sigma^2 \approx 0`}</Tex>），头几步剧烈摆动，然后在前五十步左右降到1的一小部分：训练初期，编码每清晰一分都能换来大量的重构改善，所以这笔交易偏向更少的噪声。此后它只是缓慢下降。KL在最初几步猛地一跳，之后稳定在几奈特，而重构误差始终远高于一百；随着解码器不断改进，两者继续在边际上讨价还价。试试对数刻度，看清缓慢的那一段。然后在面板里调节β：调高它，每奈特KL的代价就更大，于是 <Tex>{String.raw`\sigma`}</Tex> 向1回升，同时重构变差；调低它，噪声就逐渐消退。
        </p>
        <TrainingPanel compact />
        <div className="figure-slot" data-testid="figure-essence">
          <LossChartView />
          <MeanSigmaTrace />
        </div>
      </section>

      <section className="page-section">
        <h2>亲眼看看：噪声填补了空隙</h2>
        <p>
          如果带噪声的训练真的让解码器学会了编码之间的空间，那么从一个数字的编码到另一个数字的编码连一条直线，沿途解码出来的都应该像个数字，而不是在中间变成一团乱码。挑两个留出数据中的数字；下面这一条图像解码的，是它们的中心 <Tex>{String.raw`\mu`}</Tex> 之间连线上等距分布的编码。
        </p>
        <div className="figure-slot" data-testid="figure-essence-interpolation">
          <InterpolationView />
        </div>
        <p>没有噪声，就没有什么来填补空隙：同一条路径穿过一个普通自编码器的编码，与VAE的并排放在一起。</p>
        <div className="figure-slot" data-testid="figure-essence-ae-vae">
          <AeVaeInterpolationFigure />
        </div>
      </section>
    </>
  );
}
