"""Jupyter's nbclient runs a notebook whose first cell is a type error: the error is reported in
that cell although the kernel's type checker is still loading when the cell arrives (Run All)."""
import os
import unittest

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))


class FirstCellIsChecked(unittest.TestCase):
    def test_type_error_in_first_cell_is_shown(self):
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_code_cell('const tc: number = "text";'),
            nbformat.v4.new_code_cell('const second: string = 2;'),
            nbformat.v4.new_code_cell('tc'),
        ]
        NotebookClient(nb, kernel_name="tripletlab", timeout=120, resources={"metadata": {"path": HERE}}).execute()

        def stderr(cell):
            return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stderr")

        self.assertIn("TS2322: Type 'string' is not assignable to type 'number'", stderr(nb.cells[0]))
        self.assertIn("TS2322: Type 'number' is not assignable to type 'string'", stderr(nb.cells[1]))
        # warn mode: the cells ran anyway.
        self.assertEqual(nb.cells[2].outputs[0]["data"]["text/plain"], "'text'")


if __name__ == "__main__":
    unittest.main()
