"""scikit-learn peer for bench/projection: t-SNE (Barnes-Hut, scikit-learn's defaults: perplexity
30, PCA start, learning rate 'auto', 1,000 iterations) of the same points, timed (wall and CPU),
with its version and OpenMP thread count, and sklearn.manifold.trustworthiness (k = 10) of its
layout and of every layout file passed in (ours and umap-js's), as a check on our own
trustworthiness. Prints one JSON line."""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness
from threadpoolctl import threadpool_info

folder, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
others = sys.argv[4:]
x = np.fromfile(f"{folder}/x.f32", dtype=np.float32).reshape(n, d)

started = time.perf_counter()
cpu_started = time.process_time()
y = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=0, method="barnes_hut", angle=0.5).fit_transform(x)
elapsed_ms = (time.perf_counter() - started) * 1000
cpu_ms = (time.process_time() - cpu_started) * 1000

out = {
    "sklearn_tsne_ms": elapsed_ms,
    # CPU time of all its threads, comparable with our tsne_cpu_ms on a loaded machine.
    "sklearn_tsne_cpu_ms": cpu_ms,
    "sklearn_tsne_trustworthiness": float(trustworthiness(x, y, n_neighbors=10)),
    "sklearn_version": sklearn.__version__,
    # The Barnes-Hut gradient runs on OpenMP threads (OMP_NUM_THREADS, default one per core).
    "sklearn_threads": max((p["num_threads"] for p in threadpool_info() if p["user_api"] == "openmp"), default=1),
}
for name in others:
    layout = np.fromfile(f"{folder}/{name}.f32", dtype=np.float32).reshape(n, 2)
    out[f"sklearn_trustworthiness_of_{name}"] = float(trustworthiness(x, layout, n_neighbors=10))
print(json.dumps(out))
