"""PyTorch peer of bench/train-step/main.ts: ms per training step of the same two models.

Models, P x K sampler and batch-hard loss come from bench/mnist-triplet/peer.py, so both
benchmarks' peers train the very same networks. One step: draw a P x K batch, forward,
L2-normalise, batch-hard loss (margin 0.2, mean over anchors), backward, Adam 1e-3 update.
Warm-up steps run untimed; the clock covers exactly the timed steps. 2 threads.
Usage: python3 peer.py DIR WARMUP STEPS P K   (DIR holds train_x.f32 / train_y.i32 from main.ts)
Prints one JSON line: {"mlp_ms", "cnn_ms", "torch", "blas"}.
"""
import importlib.util
import json
import os
import sys
import time

import torch

_spec = importlib.util.spec_from_file_location(
    "mnist_peer", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mnist-triplet", "peer.py"))
mnist_peer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mnist_peer)

torch.set_num_threads(2)


def blas():
    """The BLAS libraries this process loaded. Debian's torch uses whichever libblas.so.3 the
    alternatives system points at: the reference libblas3 that apt picks by default, or OpenBLAS
    when installed. On the 2-core machine the MLP's forward pass at batch 128 took ~17 ms with the
    former and 1-2 ms with OpenBLAS, so the peer's MLP figure means little without this."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(os.path.realpath(p) for p in libs)) or "unknown"


def ms_per_step(model, train, warmup, steps, P, K):
    step = mnist_peer.trainer(model, *train, P, K)
    for _ in range(warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - t0) * 1000 / steps


def main():
    d, warmup, steps, P, K = sys.argv[1], *map(int, sys.argv[2:6])
    train = mnist_peer.load(d, "train", 784)
    out = {name: ms_per_step(make(), train, warmup, steps, P, K)
           for name, make in (("mlp_ms", mnist_peer.mlp), ("cnn_ms", mnist_peer.cnn))}
    out["torch"] = torch.__version__
    out["blas"] = blas()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
