import { panelZh } from './strings/panel.zh';
import type { Resources } from './en';
import { instrumentsZh } from './strings/instruments.zh';
import { figuresZh } from './strings/figures.zh';

/**
 * 界面文字的中文版。Terms follow the usual Chinese names (变分自编码器, 编码器/解码器, 先验/后验,
 * KL 散度, 证据下界, 重参数化技巧, 后验坍缩, 条件 VAE), with the English in brackets the first
 * time a reader meets them (the tagline, the section summaries), so the literature stays reachable.
 */
export const zh: Resources = {
  app: {
    skipLink: '跳到正文',
    tagline: '一个变分自编码器（variational autoencoder，VAE），就在你的浏览器里用 MNIST 实时训练。',
    menuOpen: '目录',
    menuClose: '关闭',
    titleHome: 'VAE Lab — 在浏览器里训练一个变分自编码器',
    titlePage: '{{title}} · VAE Lab',
    kicker: '第 {{number}} 节，共 {{count}} 节',
    missingSection: '没有名为“{{id}}”的章节，先带你回到开头。',
    tocLabel: '章节',
    prevNextLabel: '上一节与下一节',
    previous: '← 上一节',
    next: '下一节 →',
  },
  language: {
    groupLabel: '语言',
    switchTo: '语言：中文。切换到 {{name}}',
  },
  status: {
    /** Between "Main model" and its state. */
    colon: '：',
    mainModel: '主模型',
    loading: '正在加载 MNIST…',
    error: '已停止（出错）',
    training: '训练中',
    paused: '已暂停',
    notStarted: '尚未开始',
    step: '第 {{step}} 步',
    loss: '损失 {{loss}} {{unit}}',
    pause: '暂停',
    resume: '继续',
    train: '训练',
  },
  load: {
    label: '正在加载 MNIST（{{train}} 个训练数字 + {{test}} 个测试数字）：{{progress}}',
    progress: '已下载 {{loaded}} / {{total}} MB',
    starting: '准备中…',
    failedFile: 'MNIST 下载在 {{file}} 处中断：{{reason}}。已下载完整的文件会保留；重试只下载其余部分。',
    failed: 'MNIST 下载失败：{{reason}}。已下载完整的文件会保留；重试只下载其余部分。',
    retry: '重试',
  },
  banner: {
    dismiss: '关闭提示',
    crashed: '训练 worker 已停止，无法继续（它报告：{{reason}}）。它正在训练的模型已从内存中丢失。',
    crashSaved: '这个模型最近一次保存在本浏览器中的时间是 {{time}}。',
    crashRestart: '重启会启动一个新的 worker，并载入本浏览器中最新的存档；如果没有存档，就用相同的设置从头开始一个新模型。',
    restart: '从最近的存档重启',
    stalled: '训练 worker 已经 {{seconds}} 秒没有回应（可能卡在从 GPU 读取数据）；页面显示的是它最后确认的设置。重启会载入本浏览器中最新的存档；该存档之后的训练会丢失。',
  },
  urlNotice: {
    badChoice: '已忽略 {{key}}={{value}}：{{label}}只能是 {{values}} 之一。',
    badNumber: '已忽略 {{key}}={{value}}：{{label}}必须是 {{min}} 到 {{max}} 之间的数。',
    badWholeNumber: '已忽略 {{key}}={{value}}：{{label}}必须是 {{min}} 到 {{max}} 之间的整数。',
    repeated: '已忽略 {{key}}：链接中给了它 {{count}} 次，因此{{label}}保持默认值。',
  },
  setting: {
    backend: '计算后端',
    latentDim: '隐变量维数',
    hiddenDim: '隐藏层宽度',
    learningRate: '学习率',
    batchSize: '批大小',
    klWeight: 'β（KL 项的权重）',
    reconLoss: '重构损失',
    reconReduction: '像素汇总方式',
    pixels: '像素（灰度或二值化）',
    seed: '随机种子',
    wasmThreads: 'wasm 线程数',
    lang: '界面语言',
    digit: '测试数字编号',
  },
  instruments: instrumentsZh,
  sections: {
    intro: {
      title: '从这里开始',
      summary: '怎样使用 VAE Lab，以及变分自编码器（VAE）在生成模型中的位置。',
    },
    transform: {
      title: '分布变换',
      summary: '把简单的噪声送进一个学出来的函数，就能生成数据。',
    },
    posterior: {
      title: '每个样本一个后验',
      summary: '每个数字都得到自己的一个关于编码的正态分布，也就是它的后验（posterior）。',
    },
    kl: {
      title: 'KL 正则项',
      summary: '编码为什么会被拉向先验（prior）N(0, I)，以及 β 起什么作用。',
    },
    reparam: {
      title: '重参数化技巧',
      summary: '重参数化技巧（reparameterization trick）：把随机性挪到一旁，让梯度能够穿过采样。',
    },
    essence: {
      title: 'VAE 的本质',
      summary: '一个自编码器（autoencoder），带着一份由它自己调节的噪声：一场拔河。',
    },
    'why-normal': {
      title: '为什么后验取正态分布',
      summary: '只要一个密度在某处为零而另一个不为零，KL 散度（KL divergence）就是无穷大。',
    },
    elbo: {
      title: '“变分”在哪里',
      summary: '证据下界（evidence lower bound，ELBO），以及正向 KL 与反向 KL 的区别。',
    },
    cvae: {
      title: '条件 VAE',
      summary: '条件 VAE（conditional VAE）给每个类别一个先验均值，于是你可以点名要某个数字。',
    },
  },
  panel: panelZh,
  figures: figuresZh,
};
