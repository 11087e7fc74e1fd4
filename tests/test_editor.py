"""The web editor at /admin/: its configuration agrees with the model and the registries, the
pinned Decap CMS is verified before it is served from the site, and `scripts/warta editor`
says in Indonesian what it needs. The editor itself runs in Chromium in test_editor_browser.py."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import typing
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import GOOD, make_project, run_warta, serving, site_outputs
from pydantic import BaseModel, ValidationError
from test_history import git

from warta import decap
from warta.admin import config_yaml
from warta.config import load_site_config
from warta.editor import editor_config
from warta.model import LIMITS, FrontMatter
from warta.registry import load_registries


def config_of(root: Path, **kwargs) -> dict:
    cfg = load_site_config(root)
    registries, problems = load_registries(cfg.registries_path, cfg.registries)
    assert problems == []
    return editor_config(cfg, registries, **kwargs)


def by_path(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    """Config fields by key path, list items as `updates[].note`."""
    out = {}
    for f in fields:
        path = prefix + f["name"]
        out[path] = f
        if "fields" in f:
            out |= by_path(f["fields"], path + ("[]." if f["widget"] == "list" else "."))
    return out


def model_paths(model: type[BaseModel], prefix: str = ""):
    """Every key path of the front matter model, with its pydantic field."""
    for name, info in model.model_fields.items():
        path = prefix + name
        yield path, info
        kind = info.annotation
        if typing.get_origin(kind) is not list:
            args = [a for a in typing.get_args(kind) if a is not type(None)] or [kind]
            if str in args:  # `contact`: a registry slug in the editor (or a mapping typed by hand)
                continue
            kind = args[0]
        if typing.get_origin(kind) is list:
            kind, path = typing.get_args(kind)[0], path + "[]"
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from model_paths(kind, path + ".")


def test_every_field_required_choice_and_limit_of_the_model(project):
    conf = config_of(project)
    fields = conf["collections"][0]["fields"]
    found = by_path(fields)
    paths = dict(model_paths(FrontMatter))
    assert [f["name"] for f in fields] == [*FrontMatter.model_fields, "body"]  # the order staff know
    assert set(found) - {"body"} == set(paths)  # nothing missing, nothing the model would refuse
    for path, info in paths.items():
        field = found[path]
        if info.is_required():
            assert field["required"] is True, path
        else:
            assert field["required"] is False, path
            if info.default not in (None, "", [], False):  # `type`: a new release starts with it
                assert field["default"] == info.default, path
        choices = [a for a in (info.annotation, *typing.get_args(info.annotation))
                   if typing.get_origin(a) is typing.Literal]
        if choices:
            assert [o["value"] for o in field["options"]] == list(typing.get_args(choices[0])), path
    for key, (lo, hi) in LIMITS.items():
        field = found[key.removesuffix("[]")]
        got = (field["min_each"], field["max_each"]) if key.endswith("[]") else (field["min"], field["max"])
        assert got == (lo, hi), key
    assert {p for p, f in found.items() if "min" in f} == {k for k in LIMITS if not k.endswith("[]")}
    registries = load_registries(project / "data/registries.yml", "data/registries.yml")[0]
    for key, entries in (("category", registries.categories), ("unit", registries.units),
                         ("contact", registries.contacts)):
        assert [(o["value"], o["label"]) for o in found[key]["options"]] == [(e.slug, e.name) for e in entries]
    assert found["date"]["widget"] == "warta-waktu" and found["date"]["offset"] == "+07:00"
    assert found["summary"]["collapse"] and found["summary"]["plain"]


FULL = {**GOOD, "type": "klarifikasi", "location": "Sarimulya", "tags": ["jembatan"],
        "image": {"src": "foto.jpg", "alt": "Jembatan gantung", "credit": "Diskominfo", "caption": ""},
        "claim": {"text": "Jembatan itu ambruk kemarin.", "source": "Pesan berantai", "verdict": "hoaks"},
        "updates": [{"date": "2026-11-17T10:00:00+07:00", "note": "Memperbaiki panjang jembatan."}],
        "withdrawn": {"date": "2026-11-18T10:00:00+07:00", "reason": "Rilis diterbitkan ganda."}}


def _with(path: str, value: str) -> dict:
    data = json.loads(json.dumps(FULL))
    keys = path.replace("[]", ".0").split(".")
    target = data
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return data


def _accepted(data: dict) -> bool:
    from zoneinfo import ZoneInfo

    try:
        FrontMatter.model_validate(data, context={"tz": ZoneInfo("Asia/Jakarta")})
    except ValidationError:
        return False
    return True


def test_the_limits_the_editor_shows_are_the_ones_check_applies(project):
    """Not only the same numbers: a value at each limit passes the model, one beyond is refused,
    and the editor's pattern for tags says the same."""
    found = by_path(config_of(project)["collections"][0]["fields"])
    assert _accepted(FULL)
    for key in LIMITS:  # the editor's numbers, held against the model
        field = found[key.removesuffix("[]")]
        lo_, hi_ = (field["min_each"], field["max_each"]) if key.endswith("[]") else (field["min"], field["max"])
        for n, ok in ((lo_, True), (hi_, True), (lo_ - 1, False), (hi_ + 1, False)):
            if n < 0:
                continue
            assert _accepted(_with(key, "x" * n)) is ok, (key, n)
            if key == "tags[]":
                assert bool(re.fullmatch(field["pattern"][0], "ab, " + "x" * n)) is ok, n


def test_a_registry_change_changes_the_editor_on_the_next_build(project):
    text = (project / "data/registries.yml").read_text(encoding="utf-8")
    text = text.replace("categories:\n", "categories:\n  - slug: olahraga\n    name: Olahraga dan Pemuda\n", 1)
    text = text.replace("  - slug: dpupr\n", "  - slug: dpupr-lama\n", 1)
    (project / "data/registries.yml").write_text(text, encoding="utf-8")
    assert run_warta(project, "build", env={"WARTA_NOW": "2026-11-23T12:00:00+07:00"}).returncode == 0
    built = yaml.safe_load((project / "site/admin/config.yml").read_text(encoding="utf-8"))
    found = by_path(built["collections"][0]["fields"])
    assert {"value": "olahraga", "label": "Olahraga dan Pemuda"} in found["category"]["options"]
    units = [o["value"] for o in found["unit"]["options"]]
    assert "dpupr-lama" in units and "dpupr" not in units


def test_backends_zone_and_bundle_layout(project):
    hosted = config_of(project)
    assert hosted["backend"] | {"commit_messages": None} == {
        "name": "github", "repo": "diskominfo-lembahsari/warta", "branch": "main",
        "squash_merges": False, "commit_messages": None}
    assert hosted["publish_mode"] == "editorial_workflow" and hosted["locale"] == "id"
    rilis = hosted["collections"][0]
    assert (rilis["folder"], rilis["path"], rilis["media_folder"], rilis["public_folder"]) == (
        "content/rilis", "{{year}}/{{month}}/{{slug}}/index", "", "")
    assert rilis["delete"] is False  # a release is withdrawn, never deleted
    local = config_of(project, local_url="http://127.0.0.1:8080/api/v1")
    assert local["backend"]["name"] == "proxy" and local["backend"]["proxy_url"].startswith("http://127.0.0.1:")
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("timezone: Asia/Jakarta", "timezone: Asia/Makassar")
                      .replace("    repo_branch: main\n", "    repo_branch: main\n    editor_auth_url: https://oauth.lembahsari.go.id/\n"))
    changed = config_of(project)
    assert by_path(changed["collections"][0]["fields"])["date"]["offset"] == "+08:00"
    assert changed["backend"]["base_url"] == "https://oauth.lembahsari.go.id"


# --- The admin folder of a built site ---------------------------------------------------

def test_the_built_site_serves_the_editor_itself(demo_site):
    admin = demo_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "connect-src 'self' blob: data: https://api.github.com;" in page
    refs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert refs and all("/" not in ref and (admin / ref).is_file() for ref in refs), refs
    assert not re.search(r"https?://(?!api\.github\.com)", page.split('id="warta-situs">')[0])
    root = demo_site.parent
    cfg = load_site_config(root)
    registries = load_registries(cfg.registries_path, cfg.registries)[0]
    assert (admin / "config.yml").read_text(encoding="utf-8") == config_yaml(cfg, registries)
    pin = decap.read_pin()
    manifest = json.loads((root / f".cache/warta/editor/decap-cms-{pin.version}/MANIFEST.json").read_text())
    assert manifest["integrity"] == pin.integrity and "decap-cms.js" in manifest["files"]
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((admin / name).read_bytes()).hexdigest() == digest, name
    for sitemap in ("sitemap.xml", "sitemap-berita.xml"):
        assert ".go.id/admin/" not in (demo_site / sitemap).read_text(encoding="utf-8")
    index = {path: data for path, data in site_outputs(demo_site).items() if path.startswith("pagefind/")}
    assert index and not any(b"Editor rilis" in data for data in index.values())  # not searchable
    assert run_warta(root, "links").returncode == 0


def test_editor_can_be_left_out_of_a_build(project):
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("    repo_branch: main\n", "    repo_branch: main\n    editor: false\n"))
    assert run_warta(project, "build").returncode == 0
    assert (project / "site/index.html").is_file() and not (project / "site/admin").exists()


# --- The pinned Decap CMS tarball --------------------------------------------------------

def _tarball_from(site_root: Path) -> Path:
    return site_root / ".cache/warta/editor" / decap.read_pin().tarball


def test_a_tampered_download_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "kosong"))
    served = tmp_path / "registry"
    served.mkdir()
    pin = decap.read_pin()
    (served / pin.tarball).write_bytes(b"\x1f\x8b bukan paket decap-cms")
    root = make_project(tmp_path / "proj")
    with serving(served) as url:
        with pytest.raises(decap.DecapError) as error:
            decap.dist_files(load_site_config(root), replace(pin, resolved=url + pin.tarball))
    text = error.value.problem.format_text()
    assert "tidak cocok dengan sidik sha512 yang dipatok di editor/decap-cms.lock.json" in text
    assert "petunjuk: jangan lanjutkan dengan berkas lain" in text
    assert not (root / ".cache/warta/editor").exists() and not (tmp_path / "kosong/warta").exists()


def test_a_cached_editor_needs_no_network_and_repairs_itself(tmp_path, monkeypatch, demo_site):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "kosong"))
    offline = replace(decap.read_pin(), resolved="http://127.0.0.1:9/decap-cms.tgz")  # nothing listens
    root = make_project(tmp_path / "proj")
    cfg = load_site_config(root)
    cache = root / ".cache/warta/editor"
    cache.mkdir(parents=True)
    shutil.copyfile(_tarball_from(demo_site.parent), cache / offline.tarball)
    files = decap.dist_files(cfg, offline)
    good = files["decap-cms.js"].read_bytes()
    files["decap-cms.js"].write_bytes(good.replace(b"decap-cms", b"tampered!", 1))
    assert decap.dist_files(cfg, offline)["decap-cms.js"].read_bytes() == good  # re-extracted, verified
    shutil.rmtree(cache)
    with pytest.raises(decap.DecapError) as error:
        decap.dist_files(cfg, offline)
    text = error.value.problem.format_text()
    assert "belum ada di tembolok dan tidak bisa diunduh dari 127.0.0.1:9" in text
    assert "`editor: false`" in text


def test_prune_cache_keeps_the_editor_download(tmp_path, demo_site):
    root = demo_site.parent
    before = sorted(p.name for p in (root / ".cache/warta/editor").rglob("*"))
    assert run_warta(root, "prune-cache").returncode == 0
    assert sorted(p.name for p in (root / ".cache/warta/editor").rglob("*")) == before


# --- scripts/warta editor refuses what it cannot work with ------------------------------

def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _committed(tmp_path) -> Path:
    root = make_project(tmp_path / "proj")
    (root / ".gitignore").write_text("/site/\n/.cache/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "awal")
    return root


def test_editor_outside_a_repository(project):
    done = run_warta(project, "editor", "--port", str(_port()))
    assert done.returncode == 2 and "folder ini bukan akar repositori git" in done.stderr


def test_editor_with_uncommitted_changes(tmp_path):
    root = _committed(tmp_path)
    (root / "content/tentang/catatan.txt").write_text("belum di-commit")
    done = run_warta(root, "editor", "--port", str(_port()))
    assert done.returncode == 2
    assert "ada perubahan yang belum di-commit (content/tentang/catatan.txt)" in done.stderr
    assert "git stash" in done.stderr


def test_editor_without_a_git_identity(tmp_path):
    root = _committed(tmp_path)
    home = tmp_path / "rumah"
    home.mkdir()
    done = run_warta(root, "editor", "--port", str(_port()),
                     env={"HOME": str(home), "XDG_CONFIG_HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
                          "EMAIL": "", "GIT_COMMITTER_NAME": "", "GIT_COMMITTER_EMAIL": ""})
    assert done.returncode == 2 and "git belum tahu nama dan e-mail Anda" in done.stderr


def test_editor_without_node(tmp_path):
    root = _committed(tmp_path)
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    os.symlink(shutil.which("git"), bin_ / "git")
    done = run_warta(root, "editor", "--port", str(_port()), env={"PATH": str(bin_)})
    assert done.returncode == 2
    assert "Node.js dan npm belum terpasang" in done.stderr and "sudo apt install nodejs npm" in done.stderr


def test_editor_port_in_use(tmp_path):
    root = _committed(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = run_warta(root, "editor", "--port", str(busy.getsockname()[1]))
    assert done.returncode == 2 and "tidak bisa dipakai" in done.stderr and "--port" in done.stderr


def test_a_site_without_a_github_repository_is_told_so(project):
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("repo_url: https://github.com/diskominfo-lembahsari/warta",
                                                 "repo_url: https://git.lembahsari.go.id/warta"))
    done = run_warta(project, "build")
    assert done.returncode == 0 and (project / "site/admin/index.html").is_file()
    assert "PERINGATAN" in done.stderr and "bukan alamat repositori GitHub" in done.stderr
