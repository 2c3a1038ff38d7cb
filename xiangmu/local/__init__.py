"""The local harness: what runs the pipeline on a laptop, never part of a deployment.

Why apart: the runtime (`xiangmu.pipeline` and the layers it wires) is what the
DAGs import in production; this package only drives it locally. It serves the
bundled sample archive (`sample_server`), runs the DAGs through Airflow's own
scheduler on the embedded PostgreSQL (`localrun`, `airflow_env`) and prints a
report from the marts (`summary`). Nothing outside `xiangmu.cli`, tests, bench
and tools imports it.
"""
