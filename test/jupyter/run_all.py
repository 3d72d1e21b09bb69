"""Runs the Jupyter-client tests and fails when any test is skipped: every test the kernel
suite offers has a sample, so a skip means something regressed."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py")
result = unittest.TextTestRunner(verbosity=2).run(suite)
if result.skipped:
    for test, reason in result.skipped:
        print(f"SKIPPED (not allowed): {test}: {reason}", file=sys.stderr)
sys.exit(0 if result.wasSuccessful() and not result.skipped else 1)
