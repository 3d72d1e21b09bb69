"""Jupyter's nbclient executes a notebook with the installed tripletlab kernelspec; its outputs
must match those written by `tripletlab run` for the same notebook."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(HERE, "fixtures", "compare.ipynb")
CLI = os.path.join(ROOT, "out", "kernel", "cli", "main.js")


def normalise(outputs):
    """Outputs without what legitimately differs between two runs (none of our fixture's outputs do)."""
    result = []
    for o in outputs:
        o = dict(o)
        if "text" in o:
            o["text"] = "".join(o["text"]) if isinstance(o["text"], list) else o["text"]
        if "data" in o:
            o["data"] = {k: ("".join(v) if isinstance(v, list) else v) for k, v in o["data"].items()}
        o.pop("transient", None)
        # nbclient 0.7 keeps each stream message apart; our runner merges consecutive ones as
        # nbformat readers do. Compare the merged text.
        if o["output_type"] == "stream" and result and result[-1]["output_type"] == "stream" and result[-1]["name"] == o["name"]:
            result[-1]["text"] += o["text"]
            continue
        result.append(o)
    return result


class NbclientMatchesRunner(unittest.TestCase):
    def test_same_outputs(self):
        nb = nbformat.read(FIXTURE, as_version=4)
        client = NotebookClient(nb, kernel_name="tripletlab", timeout=120, resources={"metadata": {"path": HERE}})
        client.execute()
        nbformat.validate(nb)

        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "ours.ipynb")
            subprocess.run(["node", CLI, "run", FIXTURE, "-o", out, "--quiet"], check=True, timeout=180)
            ours = nbformat.read(out, as_version=4)
            nbformat.validate(ours)

        theirs = [c for c in nb.cells if c.cell_type == "code"]
        mine = [c for c in ours.cells if c.cell_type == "code"]
        self.assertEqual(len(theirs), len(mine))
        for i, (a, b) in enumerate(zip(theirs, mine)):
            with self.subTest(cell=i + 1, source=a.source.splitlines()[0]):
                self.assertEqual(normalise(a.outputs), normalise(b.outputs))
                self.assertEqual(a.execution_count, b.execution_count)
        # The fixture exercises each output kind, so an empty comparison cannot pass silently.
        kinds = {o["output_type"] for c in mine for o in c.outputs}
        self.assertTrue({"stream", "execute_result", "display_data"} <= kinds, kinds)


if __name__ == "__main__":
    unittest.main()
