"""The local Airflow's processes import and build, before they fork, what every task would build again.

Why it matters: each task process is a fork; what the parent warmed costs
the task nothing (see xiangmu.local.preload). Were the warming to stop
building the extractor's places, every extract task would pay for them again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, os, sys
from xiangmu.local import preload
preload.warm()
from xiangmu.extract.gazetteer import gazetteer
from xiangmu.newspapers import default_codes
read, write = os.pipe()
pid = os.fork()
if pid == 0:  # a task process: what it inherited
    info = gazetteer.cache_info()
    os.write(write, json.dumps({"cached": info.currsize, "extract": "xiangmu.extract" in sys.modules,
                                "cosmos": "cosmos.operators.watcher" in sys.modules}).encode())
    os._exit(0)
os.waitpid(pid, 0)
child = json.loads(os.read(read, 4096))
print(json.dumps({**child, "papers": len(default_codes())}))
"""


def test_warm_builds_the_extractor_before_the_fork():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=dict(os.environ),
                         timeout=300, check=True).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["extract"] and seen["cosmos"]
    assert seen["papers"] >= 2 and seen["cached"] == seen["papers"], seen
