"""PyTorch peer for bench/watch: the core maths of one watch snapshot on the same embeddings
(pairwise distances, positive/negative histograms, PCA by eigen-decomposition of the
covariance, k nearest neighbours). Prints JSON with changed_ms."""
import json
import statistics
import sys
import time

import numpy as np
import torch

torch.set_num_threads(2)
folder, n, d, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = torch.from_numpy(np.fromfile(f"{folder}/x.f32", dtype=np.float32).reshape(n, d))
labels = torch.from_numpy(np.fromfile(f"{folder}/labels.i32", dtype=np.int32).astype(np.int64))


def snapshot():
    e = torch.nn.functional.normalize(x, dim=1)
    dist = torch.cdist(e, e)
    same = labels[:, None] == labels[None, :]
    upper = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    pos = dist[same & upper]
    neg = dist[~same & upper]
    edges = torch.linspace(0, float(dist.max()), 41)
    torch.histogram(pos, edges)
    torch.histogram(neg, edges)
    c = e - e.mean(0)
    _, vecs = torch.linalg.eigh(c.T @ c / (n - 1))
    (c @ vecs[:, -2:]).numpy()
    dist.fill_diagonal_(float("inf"))
    dist.topk(2, largest=False)


snapshot()
times = []
for _ in range(reps):
    t = time.perf_counter()
    snapshot()
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"changed_ms": statistics.median(times)}))
