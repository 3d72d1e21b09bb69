"""The Jupyter project's kernel test suite (jupyter_kernel_test) run against the tripletlab kernel.

The kernelspec must be on JUPYTER_PATH (test/run-all.mjs installs it into a temporary prefix).
Every test the suite offers has a TypeScript sample, so none is skipped.
"""
import unittest

import jupyter_kernel_test


class TripletlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tripletlab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    # The kernel completes from the TypeScript language service, so names declared in the code
    # being completed are known too.
    completion_samples = [
        {"text": "const zebraCount: number = 3;\nzebraCo", "matches": {"zebraCount"}},
        {"text": "Math.PI.toFix", "matches": {"toFixed"}},
        {"text": "conso"},
    ]

    complete_code_samples = ["1 + 1", "const x: number = 2", "function f(a: number) { return a }", "interface P { x: number }"]
    incomplete_code_samples = ["function f(a: number) {", "const y = [1, 2,", "for (let i = 0; i < 3; i++) {"]
    invalid_code_samples = ["1 +* 2", "}}", "const = 5"]

    code_page_something = 'kernel.page("the tripletlab kernel pages this text")'

    code_generate_error = 'throw new Error("this cell fails on purpose")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"tri" + "plet"', "result": "'triplet'"},
        {"code": "[1, 2, 3].map((v) => v * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": "const answer: number = 42; answer", "result": "42"},
    ]

    code_display_data = [
        {"code": 'display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.markdown("# Title")', "mime": "text/markdown"},
        {"code": 'display.svg("<svg xmlns=\\"http://www.w3.org/2000/svg\\"></svg>")', "mime": "image/svg+xml"},
        {"code": 'display.json({ a: 1 })', "mime": "application/json"},
    ]

    code_history_pattern = "1 + 2"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "display.clear()"


if __name__ == "__main__":
    unittest.main()
