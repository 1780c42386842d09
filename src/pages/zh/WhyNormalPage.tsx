import { KlDivergenceFigure } from '../../components/figures/KlDivergenceFigure';
import { Tex } from '../../components/Tex';
import '../pages.css';

export function WhyNormalPage() {
  return (
    <>
      <p className="lede">
        后验（posterior）可以取的形状那么多，为什么偏偏是钟形曲线？答案一半在于方便，另一半在于其他形状会掉进的一个陷阱。
      </p>

      <section className="page-section">
        <h2>KL散度在哪里变成无穷大</h2>
        <p>回顾一下KL散度（KL divergence），这里是定义在编码 <Tex>z</Tex> 上的分布之间、从分布 <Tex>p</Tex> 到分布 <Tex>q</Tex> 的KL散度：</p>
        <Tex displayMode>{String.raw`\mathrm{KL}(p \,\|\, q) = \int p(z) \log \frac{p(z)}{q(z)}\, dz.`}</Tex>
        <p>
          看某一个点 <Tex>z</Tex>，在那里 <Tex>{String.raw`p(z) > 0`}</Tex>，但 <Tex>{String.raw`q(z) = 0`}</Tex>。比值{' '}
          <Tex>{String.raw`p(z)/q(z)`}</Tex> 在那里是无穷大，它的对数也是。只要有一段这样的{' '}
          <Tex>z</Tex>，不管多短，整个积分就是无穷大。换句话说：<Tex>q</Tex> 宣称某些结果不可能出现，而{' '}
          <Tex>p</Tex> 实际上会产生它们，KL对此的惩罚没有上限。（在{' '}
          <Tex>{String.raw`p(z) = 0`}</Tex> 的地方则什么也不会发生，因为 <Tex>{String.raw`0 \cdot \log 0`}</Tex> 按0计。）
        </p>
        <p>
          正态密度处处为正：远离中心时它很小，但从不为零。所以两个正态分布之间的KL总是有限的，第3节的闭式解也没有任何需要特殊处理的情形。训练损失总能算出来，也总有梯度。
        </p>
        <p>
          至于“方便”，具体说来是两点。相对于正态先验（prior），正态后验有第3节那样的闭式KL，所以这一项完全不需要采样，并且当后验等于先验时恰好为零。另外，正态分布构成一个<strong>位置-尺度族</strong>（location-scale family）：每个成员都是{' '}
          <Tex>{String.raw`\mu + \sigma\varepsilon`}</Tex>，其中{' '}
          <Tex>{String.raw`\varepsilon`}</Tex> 对所有成员都是同一个固定的变量，而这正是第4节的重参数化技巧（reparameterization trick）所需要的。
        </p>
        <p>
          本节的论证有它的局限，值得说清楚。它排除的是在某处为零的形状，却并没有单单挑出正态分布。拉普拉斯（Laplace）后验或逻辑斯谛（logistic）后验同样处处为正（也同样属于位置-尺度族，它们到正态先验的KL也能写成式子），所以也能通过这项检验。这项检验解释的是为什么不用均匀分布。在这些同样通过检验的候选者中选中正态分布，是因为它简单、并且与先验相配，而不是因为别的选择都会失败。
        </p>
        <p>
          反过来，假设后验是均匀分布，在区间 <Tex>{String.raw`[a, b]`}</Tex> 上是平的、区间外为零，而先验是{' '}
          <Tex>{String.raw`[c, d]`}</Tex> 上的均匀分布。如果 <Tex>{String.raw`[a, b]`}</Tex> 落在{' '}
          <Tex>{String.raw`[c, d]`}</Tex> 之内，散度是有限的，等于{' '}
          <Tex>{String.raw`\log\frac{d - c}{b - a}`}</Tex>；只要它稍微伸出去一点，散度就是无穷大。两个不同的均匀分布之间，总会在其中一个方向上留下这样的区域。这可以打补丁，但每个补丁都是一种特殊情形，优化器必须小心翼翼地绕着它走。
        </p>
      </section>

      <section className="page-section">
        <h2>亲眼看看：KL计算器</h2>
        <p>
          KL究竟什么时候有限？为 <Tex>p</Tex> 和 <Tex>q</Tex> 各选一个正态分布或均匀分布，再调节它们的参数。计算器会做数值积分，并与闭式解相互核对；斜线阴影标出一个密度为零而另一个不为零的区域。先从<strong>两个均匀分布</strong>开始：两个方向都是无穷大。把其中任意一个换成正态分布，至少有一个方向会变成有限；两个都换成正态分布，两个方向就都有限了。
        </p>
        <div className="figure-slot" data-testid="figure-why-normal">
          <KlDivergenceFigure />
        </div>
      </section>
    </>
  );
}
