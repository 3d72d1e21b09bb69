"""PyTorch peer of bench/mnist-triplet/main.ts: the same recipes on the same digits.

Two models, each trained and scored on its own: MLP 784-256-128-64 (relu, last layer linear) and
the CNN of bench/train-step/models.ts (conv 16 3x3 relu, max-pool 2, conv 32 3x3 relu, max-pool 2,
flatten, linear 64). L2-normalised embeddings, batch-hard triplet loss (Hermans et al. 2017,
mean over anchors), margin 0.2, P x K = 10 x 16, Adam 1e-3, 2 threads.
Reads train/test digits written by main.ts (raw little-endian float32 / int32), prints one JSON line.
bench/train-step/peer.py imports the models, sampler and loss from here.
Usage: python3 peer.py DIR STEPS [CNN_STEPS]   (CNN_STEPS 0 or absent: no CNN)
"""
import json
import os
import sys
import time

import numpy as np
import torch

torch.set_num_threads(2)


def load(d, name, dims):
    x = np.fromfile(f"{d}/{name}_x.f32", dtype="<f4").reshape(-1, dims)
    y = np.fromfile(f"{d}/{name}_y.i32", dtype="<i4")
    return torch.from_numpy(x.copy()), torch.from_numpy(y.astype(np.int64))


def mlp():
    # PyTorch's default initialisation, as in the runs recorded in bench/RESULTS.md.
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 64),
    )


def cnn():
    torch.manual_seed(0)
    m = torch.nn.Sequential(
        torch.nn.Unflatten(1, (1, 28, 28)),
        torch.nn.Conv2d(1, 16, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(800, 64),
    )
    # Glorot-uniform weights and zero biases, as tf.layers initialises ours.
    for layer in m:
        if isinstance(layer, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    return m


def pk_batches(labels, P, K, rng):
    by_class = {}
    for i, l in enumerate(labels.tolist()):
        by_class.setdefault(l, []).append(i)
    classes = [c for c, v in by_class.items() if len(v) >= 2]
    while True:
        chosen = rng.choice(classes, size=P, replace=False)
        idx = []
        for c in chosen:
            rows = by_class[c]
            idx.extend(rng.choice(rows, size=K, replace=len(rows) < K).tolist())
        yield torch.tensor(idx)


def batch_hard(emb, labels, margin):
    d2 = (emb.pow(2).sum(1, keepdim=True) + emb.pow(2).sum(1) - 2 * emb @ emb.t()).clamp_min(0)
    d = (d2 + 1e-12).sqrt()
    same = labels[:, None] == labels[None, :]
    eye = torch.eye(len(labels), dtype=torch.bool)
    pos = same & ~eye
    hardest_pos = (d * pos).max(1).values
    hardest_neg = d.masked_fill(same, float("inf")).min(1).values
    return torch.relu(hardest_pos - hardest_neg + margin).mean()


def trainer(model, x, y, P, K):
    """One optimizer step per call: a fresh P x K batch, batch-hard loss on normalised embeddings, Adam 1e-3."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = pk_batches(y, P, K, np.random.default_rng(0))

    def step():
        idx = next(batches)
        emb = torch.nn.functional.normalize(model(x[idx]), dim=1)
        loss = batch_hard(emb, y[idx], 0.2)
        opt.zero_grad()
        loss.backward()
        opt.step()

    return step


def blas():
    """The BLAS libraries this process loaded. Debian's torch uses whichever libblas.so.3 the
    alternatives system points at: the reference libblas3 that apt picks by default, or OpenBLAS
    when installed. On the 2-core machine the MLP's forward pass at batch 128 took ~17 ms with the
    former and 1-2 ms with OpenBLAS, so the peer's MLP figure means little without this."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(os.path.realpath(p) for p in libs)) or "unknown"


def retrieval(emb, labels):
    d = torch.cdist(emb, emb)
    d.fill_diagonal_(float("inf"))
    order = d.argsort(1)
    rel = (labels[order] == labels[:, None]).float()
    counts = torch.bincount(labels)
    R = counts[labels] - 1
    p1 = rel[:, 0].mean().item()
    maps = []
    for i in range(len(labels)):
        r = int(R[i])
        if r == 0:
            continue
        hits = rel[i, :r]
        prec = torch.cumsum(hits, 0) / torch.arange(1, r + 1)
        maps.append(float((prec * hits).sum() / r))
    return p1, float(np.mean(maps))


def recipe(model, train, test, steps):
    step = trainer(model, *train, 10, 16)
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        emb = torch.nn.functional.normalize(model(test[0]), dim=1)
    p1, mapr = retrieval(emb, test[1])
    return seconds, p1, mapr


def main():
    d, steps = sys.argv[1], int(sys.argv[2])
    cnn_steps = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    train, test = load(d, "train", 784), load(d, "test", 784)
    seconds, p1, mapr = recipe(mlp(), train, test, steps)
    out = {"seconds": seconds, "p_at_1": p1, "map_at_r": mapr, "steps": steps, "blas": blas()}
    if cnn_steps > 0:
        seconds, p1, mapr = recipe(cnn(), train, test, cnn_steps)
        out.update({"cnn_seconds": seconds, "cnn_p_at_1": p1, "cnn_map_at_r": mapr, "cnn_steps": cnn_steps})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
