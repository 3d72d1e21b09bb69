"""PyTorch peer of bench/train-step/main.ts: ms per training step of the same two models.

Models, P x K sampler, batch-hard loss and the BLAS report come from bench/mnist-triplet/peer.py,
so both benchmarks' peers train the very same networks. One step: draw a P x K batch, forward,
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
    out["blas"] = mnist_peer.blas()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
