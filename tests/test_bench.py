"""The benchmark's synthetic corpus is valid, realistic Warta content, so `scripts/bench`
measures real builds (a corpus the checker rejected would time an aborted build)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from warta.config import load_site_config
from warta.load import load_content

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 24, 7, 0, tzinfo=timezone(timedelta(hours=7)))


def _bench():
    spec = importlib.util.spec_from_file_location("warta_bench", REPO / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # forked photo workers find its functions by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    bench = _bench()
    root = tmp_path_factory.mktemp("bench")
    info = bench.generate_corpus(90, root, photo_size=(320, 213), end=NOW, processes=1)
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    shutil.copytree(REPO / "data", root / "data")  # a copy: Warta refuses a symlinked data/
    return root, info


def test_corpus_passes_the_checker(corpus):
    root, info = corpus
    content = load_content(load_site_config(root))
    assert [p.format_text() for p in content.problems] == []
    assert len(content.releases) == info["releases"] == 90
    registries = yaml.safe_load((REPO / "data" / "registries.yml").read_text(encoding="utf-8"))
    assert {r.category.slug for r in content.releases} == {c["slug"] for c in registries["categories"]}
    assert {r.unit.slug for r in content.releases} == {u["slug"] for u in registries["units"]}
    assert all(1 <= len(r.tags) <= 4 for r in content.releases)
    assert all(r.date < NOW for r in content.releases)
    assert max(Counter(r.date.date() for r in content.releases).values()) == 3
    with_photo = [r for r in content.releases if r.image]
    assert 0.7 < len(with_photo) / 90 < 0.95 and info["photos"] == len(with_photo)
    words = [len(r.body.split()) for r in content.releases]
    assert min(words) >= 250 and max(words) < 520


def test_every_photo_has_its_own_bytes(corpus):
    root, _ = corpus
    photos = list((root / "content" / "rilis").rglob("*.jpg"))
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in photos}
    assert len(photos) > 50 and len(digests) == len(photos)


def test_plan_is_deterministic():
    bench = _bench()
    args = (["pemerintahan", "kesehatan"], {"bupati": "Bupati", "dinkes": "Dinkes"}, [], NOW)
    assert bench.plan_corpus(30, *args) == bench.plan_corpus(30, *args)


def test_sizes_option():
    assert _bench()._sizes("200, 1k,10000") == [200, 1000, 10000]


def test_share_work_measures_the_warm_cache_it_claims(corpus, tmp_path):
    """The bench's "share kits alone" figure: the first run draws every card and kit, the
    second takes them all from the cache (no new cache file), so it measures the warm path."""
    root, info = corpus
    bench = _bench()
    cold, warm = tmp_path / "cold.json", tmp_path / "warm.json"
    bench.share_work(str(root), str(cold))
    bench.share_work(str(root), str(warm))
    cold, warm = (json.loads(p.read_text()) for p in (cold, warm))
    assert cold["releases"] == warm["releases"] == info["releases"]
    assert cold["failed"] == warm["failed"] == 0
    assert cold["new_cache_files"] == 3 * info["releases"]  # two cards and share.json each
    assert warm["new_cache_files"] == 0 and warm["cpu_s"] < cold["cpu_s"]
    assert not list(root.glob("share-work-*"))  # the scratch site is gone
