"""Every tutorial under notebooks/ runs under Jupyter's nbclient with the installed tripletlab
kernelspec: no cell fails and no cell reports a type error. TRIPLETLAB_QUICK=1 reaches the kernel
through the environment the client launches it with, so tutorials that read it do less work."""
import glob
import os
import unittest

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "notebooks")


def execute(nb, timeout=600):
    # jupyter_client starts the kernel with a copy of this process's environment. A cell may take
    # minutes on a busy 2-core machine (04 trains a CNN for 500 steps even in a quick run).
    NotebookClient(nb, kernel_name="tripletlab", timeout=timeout, resources={"metadata": {"path": NOTEBOOKS}}).execute()
    return nb


def text(output):
    if output["output_type"] == "stream":
        return "".join(output["text"]) if isinstance(output["text"], list) else output["text"]
    plain = output.get("data", {}).get("text/plain", "")
    return "".join(plain) if isinstance(plain, list) else plain


class EveryTutorialUnderNbclient(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ["TRIPLETLAB_QUICK"] = "1"

    @classmethod
    def tearDownClass(cls):
        os.environ.pop("TRIPLETLAB_QUICK", None)

    def test_the_kernel_sees_the_quick_setting(self):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("process.env.TRIPLETLAB_QUICK")])
        nb.metadata["kernelspec"] = {"name": "tripletlab", "display_name": "TypeScript (tripletlab)", "language": "typescript"}
        execute(nb, timeout=60)
        self.assertEqual(text(nb.cells[0].outputs[-1]), "'1'")

    def test_every_notebook_runs(self):
        paths = sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))
        self.assertGreaterEqual(len(paths), 5, paths)
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                nb = execute(nbformat.read(path, as_version=4))
                nbformat.validate(nb)
                outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
                self.assertTrue(outputs, "the notebook shows something")
                self.assertEqual([o for o in outputs if o["output_type"] == "error"], [])
                stderr = "".join(text(o) for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr")
                self.assertNotRegex(stderr, r"error TS\d+")


if __name__ == "__main__":
    unittest.main()
