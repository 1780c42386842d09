// The results as a Markdown table, issue 13's targets beside the numbers (issue 11's for the
// posterior rows), and the load average as each phase began, since the machine is shared.

const num = (x, d = 0) => (x === null || x === undefined ? '—' : Number(x).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const secs = (x, cap) => (x === null || x === undefined ? (cap ? `not reached (cap ${cap} s)` : '—') : `${num(x, 1)} s`);

export function formatTable(r) {
  const s = r.samplesPerSec;
  const ttq = r.details.timeToQuality;
  const pt = r.details.pytorch;
  const ttqCap = ttq?.trainedSec;
  const ptCap = pt?.capSeconds;
  const times = (p, f) => (p ? `<= ${num(p * f, 1)} s (${f === 1 ? '' : `${f} × `}PyTorch's)` : `${f} × PyTorch's`);
  const sl = r.details.slider;
  const rows = [
    ['training samples/s, webgl', num(s.webgl), '', ''],
    ['training samples/s, wasm', num(s.wasm), '', ''],
    ['training samples/s, cpu', num(s.cpu), '', ''],
    ['training samples/s, wasm with 2 threads pinned (`?threads=2`)', num(s['wasm-2-threads']), '', ''],
    [`training samples/s, app's pick (${r.versions.autoBackend ?? '?'})`, num(s.auto), num(s.pytorch), ''],
    ['ratio app / PyTorch', num(r.ratioVsPytorch, 3), '1', '>= 0.40'],
    [`seconds to held-out -ELBO < 165 nats${seeds(r)}`, secs(r.secondsTo165.app, ttqCap), secs(r.secondsTo165.pytorch, ptCap), times(r.secondsTo165.pytorch, 1)],
    [`seconds to held-out -ELBO < 155 nats${seeds(r)}`, secs(r.secondsTo155.app, ttqCap), secs(r.secondsTo155.pytorch, ptCap), times(r.secondsTo155.pytorch, 1.2)],
    ['slider-to-pixels p50 / p95 (ms)', sl?.skipped ? 'skipped: no slider hook' : `${num(r.sliderP50Ms, 1)} / ${num(r.sliderP95Ms, 1)}`, '', 'p95 <= 10'],
    ["one digit's true posterior (grid, gaps, best Gaussian), median ms, idle", num(r.posteriorDigitMs), '', '< 1,000'],
    ['held-out IWAE, 1,000 digits × 1,000 samples (s), idle', r.iwaeSec === null || r.iwaeSec === undefined ? '—' : num(r.iwaeSec, 1), '', '< 30'],
    ['main-thread long tasks per minute, training', num(r.longTasksPerMin, 1), '', '0'],
    ['kernels per training step (default model, tf.profile on wasm)', num(r.kernelsPerStep), '', '<= 60'],
    ['first load: ms to start enabled', num(r.firstLoadMs), '', ''],
    ['first load: MB transferred', r.firstLoadBytes ? num(r.firstLoadBytes / 1e6, 2) : '—', '', ''],
  ];
  const m = r.machine;
  const head = [
    `VAE Lab bench, ${r.date.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit}${r.dirty ? ' (+ uncommitted src changes)' : ''}${r.quick ? ', QUICK run (short caps)' : ''}`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB; load average at start ${m.loadAvgAtStart.join(' / ')} (shared, noisy).`,
    `Chromium ${r.versions.chromium ?? '—'} (WebGL = SwiftShader), Node ${r.versions.node}, torch ${r.versions.torch ?? '—'} (${blasName(r.versions.blas)}).`,
    ...(r.versions.autoBackendNote ? [`The app's pick: ${r.versions.autoBackend}, ${r.versions.autoBackendNote}.`] : []),
    ...(m.loadAvg1mAtPhaseStart ? [`Load average (1 min) as each phase began: ${Object.entries(m.loadAvg1mAtPhaseStart).map(([k, v]) => `${k} ${v}`).join(', ')}.`] : []),
    '',
    '| measure | app | PyTorch | target |',
    '|---|---|---|---|',
  ];
  const skipped = Object.entries(r.skipped).map(([k, v]) => `Skipped ${k}: ${v}`);
  return [...head, ...rows.map((row) => `| ${row.join(' | ')} |`), ...(skipped.length ? ['', ...skipped] : [])].join('\n');
}

function seeds(r) {
  const n = r.plan?.ttqSeeds?.length ?? 1;
  return n > 1 ? `, median of ${n} seeds` : '';
}

function blasName(libs) {
  if (!libs?.length) return 'BLAS unknown';
  return libs.some((l) => /openblas/i.test(l)) ? 'OpenBLAS' : `BLAS ${libs[0]}`;
}
