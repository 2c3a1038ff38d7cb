"""Data-quality checks for Xiangmu, written as Great Expectations code.

Import expectations.run.run_checkpoint from the DAG; the other modules are
the building blocks (context, suites, checkpoints).
"""
