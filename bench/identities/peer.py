"""PyTorch peer of bench/identities: exact nearest neighbours of the same queries in the same
gallery, brute force in blocks of query rows (torch.cdist + topk), timed the same way.
Usage: peer.py DIR DIMS, where DIR holds gallery_x.f32, gallery_y.i32, queries_x.f32,
queries_y.i32 (raw little-endian). Last stdout line: {"seconds", "p_at_1", "recall_at_10", "threads"}."""
import json
import sys
import time

import numpy as np
import torch

folder, dims = sys.argv[1], int(sys.argv[2])
load = lambda name, kind: np.fromfile(f"{folder}/{name}", dtype=kind)
gallery = torch.from_numpy(load("gallery_x.f32", np.float32).reshape(-1, dims))
gallery_labels = torch.from_numpy(load("gallery_y.i32", np.int32).astype(np.int64))
queries = torch.from_numpy(load("queries_x.f32", np.float32).reshape(-1, dims))
query_labels = torch.from_numpy(load("queries_y.i32", np.int32).astype(np.int64))

BLOCK = 256  # query rows per block: 256 × 100,000 distances = 100 MB
K = 10
start = time.perf_counter()
neighbours = []
with torch.no_grad():
    for s in range(0, queries.shape[0], BLOCK):
        d = torch.cdist(queries[s:s + BLOCK], gallery)
        neighbours.append(torch.topk(d, K, dim=1, largest=False).indices)
seconds = time.perf_counter() - start
idx = torch.cat(neighbours)
hits = gallery_labels[idx] == query_labels[:, None]
print(json.dumps({
    "seconds": seconds,
    "p_at_1": hits[:, 0].float().mean().item(),
    "recall_at_10": hits.any(dim=1).float().mean().item(),
    "threads": torch.get_num_threads(),
}))
