"""The gazetteer works on a fresh install, where jionlp's list is still zipped."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

# the package re-exports a function named gazetteer; the module is what we test
gazetteer = importlib.import_module("xiangmu.extract.gazetteer")


def test_location_list_read_from_jionlp_zip_matches_the_unzipped_one():
    spec = importlib.util.find_spec("jionlp")
    zipped = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location.zip"
    extracted = gazetteer._unzipped(zipped)
    text = extracted.read_text("utf-8")
    assert "河北省" in text and "130183" in text  # 晋州市's code: the county level is there
    assert text == gazetteer._location_file().read_text("utf-8")
