"""The staff CLI: `scripts/warta new|check|build|serve`. Messages in Bahasa Indonesia."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from . import sitedir, workers
from .clitext import Group
from .config import SiteConfig, load_site_config, now
from .dates import decimal
from .load import load_content
from .model import LIMITS
from .problems import ContentError, Problem

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _cfg():
    try:
        return load_site_config(Path.cwd())
    except FileNotFoundError:
        err.print("[red]mkdocs.yml tidak ditemukan.[/] Jalankan perintah dari folder utama repositori.")
        sys.exit(2)
    except ContentError as error:  # wrong settings under extra.warta, every one of them
        print_problems(error.problems, "text")
        sys.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Warta: tulis, periksa dan terbitkan rilis media center.

    Jalankan dari folder utama repositori. Bantuan tiap perintah: PERINTAH --help."""


def print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "github":
        for p in problems:
            print(p.format_github())
        return
    current = None
    for p in sorted(problems, key=lambda p: (p.path, p.line or 0)):
        if p.path != current:  # file names and messages may hold `[…]`: never read as markup
            current = p.path
            err.print(f"\n[bold]{escape(p.path)}[/]")
        where = escape(f"{p.location()}: ") + (f"[cyan]{escape(p.field)}[/]: " if p.field else "")
        err.print(f"  [red]✗[/] {where}{escape(p.message)}", soft_wrap=True)
        if p.hint:
            err.print(f"      [dim]petunjuk:[/] {escape(p.hint)}", soft_wrap=True)


def _summary(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    return f"{len(problems)} kesalahan di {files} berkas"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              help="text untuk manusia, github untuk anotasi di pull request.")
def check(paths: tuple[Path, ...], fmt: str) -> None:
    """Periksa semua rilis (atau PATHS tertentu) dan registri."""
    cfg = _cfg()
    missing = [p for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]Tidak ditemukan:[/] {', '.join(map(str, missing))}")
        sys.exit(2)
    from .visibility import early_links

    clock = now(cfg.tz)
    content = load_content(cfg, only=list(paths) or None, clock=clock)
    problems = content.problems + early_links(
        content.releases, content.pages, clock,
        read=lambda path: (cfg.root / path).read_text(encoding="utf-8", errors="replace"))
    if problems:
        print_problems(problems, fmt)
        err.print(f"\n[red bold]Gagal:[/] {_summary(problems)}. Perbaiki lalu jalankan lagi "
                  "`scripts/warta check`.")
        sys.exit(1)
    from .model import Release
    from .review import embargo_text, schedule

    plan = schedule([*content.releases, *content.pages], clock)
    if fmt == "github":  # a notice on each file that is not public yet
        for item in plan.embargoed:
            print(Problem(item.path, None, None, embargo_text(item)).format_github("notice"))
        for item in plan.drafts:
            print(Problem(item.path, None, None, "draf (tidak terbit)").format_github("notice"))
    public = sum(r.is_public(clock) for r in content.releases)
    hidden = sum(isinstance(item, Release) for item in plan.embargoed)
    err.print(f"[green]✓[/] {len(content.releases)} rilis diperiksa, tidak ada kesalahan "
              f"({public} terbit, {hidden} embargo, {len(content.releases) - public - hidden} draf).")
    if fmt == "text":
        for item in plan.embargoed:
            err.print(f"  {escape(item.path)}: [yellow]{escape(embargo_text(item))}[/]", soft_wrap=True)
        for item in plan.drafts:
            err.print(f"  {escape(item.path)}: [dim]draf[/]", soft_wrap=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text untuk manusia, json untuk mesin.")
def schedule(fmt: str) -> None:
    """Daftar rilis embargo (urut waktu terbit) dan draf."""
    import json

    from .review import schedule as plan_of
    from .review import schedule_json, schedule_lines

    cfg = _cfg()
    content = load_content(cfg)
    plan = plan_of([*content.releases, *content.pages], now(cfg.tz))
    if fmt == "json":
        print(json.dumps(schedule_json(plan), ensure_ascii=False, indent=1))
    else:
        for line in schedule_lines(plan):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    if content.problems:
        broken = len({p.path for p in content.problems})
        err.print(f"[yellow]PERINGATAN[/] {broken} berkas punya kesalahan dan tidak ada di daftar ini; "
                  "jalankan `scripts/warta check`.", soft_wrap=True)


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help="Folder hasil (bawaan: site/ dari mkdocs.yml).")
def build(site_dir: Path | None) -> None:
    """Bangun situs secara ketat ke site/ (hanya diganti bila seluruhnya berhasil)."""
    cfg = _cfg()
    started = time.perf_counter()
    target = (site_dir or cfg.root / "site").resolve()
    rel = os.path.relpath(target)
    if (problem := sitedir.refusal(target, cfg)) is not None:
        _refuse(problem)
    try:
        with workers.signals_stop_build():
            content = load_content(cfg)
            if content.problems:
                print_problems(content.problems, "text")
                err.print(f"\n[red bold]Build dibatalkan:[/] {_summary(content.problems)}. "
                          f"Situs lama di {rel}/ tidak diubah.")
                sys.exit(1)
            ok = build_atomic(cfg, target, content)
    except sitedir.SiteDirError as error:
        _refuse(error.problem)
    except workers.Interrupted as stop:
        err.print(f"[red bold]Build dihentikan ({stop.name}).[/] Situs lama di {rel}/ tidak diubah.",
                  soft_wrap=True)
        sys.exit(128 + stop.signum)
    if not ok:
        err.print(f"[red bold]Build gagal.[/] Situs lama di {rel}/ tidak diubah.")
        sys.exit(1)
    seconds = time.perf_counter() - started
    out.print(f"[green]✓[/] Situs selesai dibangun di [bold]{rel}/[/] dalam {decimal(seconds)} detik.")
    out.print("  Pratinjau: jalankan [bold]scripts/warta serve[/] lalu buka http://127.0.0.1:8000/")


def _refuse(problem: Problem) -> None:
    print_problems([problem], "text")
    err.print("\n[red bold]Build ditolak:[/] tidak ada berkas yang diubah.")
    sys.exit(2)


def build_atomic(cfg: SiteConfig, target: Path, content=None) -> bool:
    """Strict build into a temporary sibling folder, swapped in only on success; what did not
    change since the site at `target` was built is taken from it. On a failure or a signal
    the workers are stopped and the temporary folder removed."""
    from mkdocs.exceptions import MkDocsException

    from . import pipeline

    _log_to_terminal()
    tmp = None
    try:
        with workers.uninterrupted(then_stop=True):
            tmp = sitedir.make_temp(target, cfg)
        build = pipeline.run(cfg, tmp, content=content, reuse_from=target)
        with workers.uninterrupted(then_stop=False):
            sitedir.replace(target, tmp, cfg)
            pipeline.save_manifest(build, target)
    except BaseException as error:
        with workers.uninterrupted(then_stop=False):
            workers.stop_all()  # before removing the folder they write into
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(error, ContentError):
            print_problems(error.problems, "text")
            return False
        if not isinstance(error, (MkDocsException, SystemExit)):
            raise
        if str(error):
            err.print(f"[red]{escape(str(error))}[/]", soft_wrap=True)
        return False
    return True


@main.command()
@click.argument("folder", type=click.Path(path_type=Path), metavar="FOLDER")
def stage(folder: Path) -> None:
    """Tulis folder tahap (hanya yang terbit sekarang) untuk mesin situs lain, mis. Zensical."""
    from mkdocs.config import load_config

    from . import bodies, pipeline

    cfg = _cfg()
    target = folder.resolve()
    if (problem := sitedir.refusal(target, cfg)) is not None:
        _refuse(problem)
    if target.exists() and any(target.iterdir()):
        _refuse(Problem(str(folder), None, None, "folder tahap harus kosong",
                        "pilih folder baru atau kosongkan folder ini dulu."))
    target.mkdir(parents=True, exist_ok=True)
    config = load_config(str(cfg.root / "mkdocs.yml"), docs_dir=str(target))
    try:
        build = pipeline.prepare(cfg, bodies.settings(config.markdown_extensions, config.mdx_configs))
        pipeline.export(build, target)
    except ContentError as error:
        print_problems(error.problems, "text")
        sys.exit(1)
    finally:
        workers.stop_all()
    out.print(f"[green]✓[/] Folder tahap ditulis di [bold]{escape(os.path.relpath(target))}/[/]: "
              f"{len(build.views)} halaman dan fotonya, hanya yang terbit sekarang.")


@main.command("prune-cache")
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"),
              help="Folder situs yang baru dibangun.")
def prune_cache(site_dir: Path) -> None:
    """Hapus isi tembolok (.cache/warta) yang tidak dipakai lagi oleh situs yang dibangun."""
    from .filecache import prune_cache as prune

    cfg = _cfg()
    files, size = prune(cfg.root / cfg.cache_dir, site_dir.resolve())
    err.print(f"[green]✓[/] Tembolok: {files} berkas lama dihapus ({decimal(size / 1e6)} MB).")


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            colour = "red" if record.levelno >= logging.ERROR else "yellow"
            label = "GALAT" if record.levelno >= logging.ERROR else "PERINGATAN"
            err.print(f"[{colour}]{label}[/] {escape(record.getMessage())}", soft_wrap=True)


def _log_to_terminal() -> None:
    for name in ("mkdocs", "warta"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _Handler) for h in logger.handlers):
            logger.addHandler(_Handler())
            logger.setLevel(logging.INFO)


@main.command()
@click.option("--port", default=8000, show_default=True, metavar="ANGKA", help="Port pratinjau.")
def serve(port: int) -> None:
    """Pratinjau lokal yang memuat ulang saat berkas berubah."""
    from mkdocs.livereload import LiveReloadServer

    cfg = _cfg()
    _log_to_terminal()
    target = cfg.root / cfg.cache_dir / "pratinjau"

    def rebuild() -> None:  # only what changed is rendered again (the previous preview is reused)
        started = time.perf_counter()
        content = load_content(cfg)
        if content.problems:
            print_problems(content.problems, "text")
            err.print(f"[red bold]Pratinjau tidak diperbarui:[/] {_summary(content.problems)}.")
            return
        if build_atomic(cfg, target, content):
            out.print(f"[green]✓[/] Pratinjau diperbarui dalam {decimal(time.perf_counter() - started)} detik.")

    rebuild()
    target.mkdir(parents=True, exist_ok=True)
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(target))
    for path in (cfg.content_dir, cfg.registries_path.parent, cfg.root / "theme", cfg.root / "mkdocs.yml"):
        server.watch(str(path))
    out.print(f"Pratinjau di http://127.0.0.1:{port}/ (Ctrl+C untuk berhenti). Rilis embargo tidak "
              "tampil; setel WARTA_NOW untuk melihat masa depan.")
    try:
        server.serve()
    except KeyboardInterrupt:
        out.print("Pratinjau dihentikan.")
    finally:
        server.shutdown()


@main.command()
@click.option("--port", default=8080, show_default=True, metavar="ANGKA", help="Port editor di 127.0.0.1.")
def editor(port: int) -> None:
    """Editor web rilis di komputer ini, langsung pada salinan kerja git."""
    from .editor_local import run

    sys.exit(run(_cfg(), port))


@main.command()
@click.option("--title", metavar="JUDUL", help="Judul rilis ({}–{} karakter).".format(*LIMITS["title"]))
@click.option("--category", metavar="SLUG", help="Kategori, slug dari data/registries.yml.")
@click.option("--unit", metavar="SLUG", help="OPD penerbit, slug dari data/registries.yml.")
@click.option("--date", "when", metavar="WAKTU",
              help="Waktu terbit, mis. 2026-12-02 09:30 atau 2026-12-02T09:30, boleh diikuti WIB, "
                   "WITA atau WIT (bawaan: sekarang, zona situs).")
@click.option("--type", "kind", metavar="JENIS",
              help="siaran-pers (bawaan), berita, pengumuman atau klarifikasi.")
@click.option("--slug", metavar="SLUG", help="Nama folder dan alamat (bawaan: dari judul).")
def new(title, category, unit, when, kind, slug) -> None:
    """Buat rilis baru dengan front matter berpenjelasan.

    Yang tidak ditulis sebagai opsi ditanyakan satu per satu bila dijalankan di terminal."""
    from .registry import load_registries
    from .scaffold import create

    cfg = _cfg()
    registries, problems = load_registries(cfg.registries_path, cfg.registries)
    if registries is None:
        print_problems(problems, "text")
        sys.exit(1)
    given = {"title": title, "category": category, "unit": unit, "when": when, "kind": kind,
             "slug": slug}
    sys.exit(create(cfg, registries, given, ask=sys.stdin.isatty(), out=out, err=err))


@main.command()
@click.argument("release", metavar="RILIS",
                help="Jalur berkas atau folder rilis, slug, atau alamatnya di situs (URL).")
@click.option("--json", "as_json", is_flag=True, help="Cetak sebagai JSON (untuk mesin).")
def share(release: str, as_json: bool) -> None:
    """Cetak paket bagikan RILIS dan gambar kartunya."""
    import json
    import posixpath

    from .reference import find_release, release_key
    from .sharekit import PLATFORMS, SHARE_FILE, share_files

    cfg = _cfg()
    try:
        key = release_key(release, cfg.site_url)
    except ValueError as error:
        err.print(f"[red]✗[/] {escape(str(error))}", soft_wrap=True)
        sys.exit(1)
    content = load_content(cfg)
    found = find_release(key, content.releases)
    if found is None:
        err.print(f"[red]✗[/] rilis '{escape(release)}' tidak ditemukan (atau masih ada kesalahan; "
                  "jalankan `scripts/warta check`).", soft_wrap=True)
        sys.exit(1)
    # The cards are drawn (or taken from the cache) into a local folder to look at before
    # publishing; the site build writes the same files beside the page.
    folder = cfg.root / cfg.cache_dir / "bagikan" / found.slug
    acronyms = content.registries.acronyms if content.registries else ()
    for old in folder.glob("kartu-*.jpg"):  # an earlier version's cards (their names change)
        old.unlink()
    share_files(found, cfg.site_url, cfg.site_name, cfg.hashtags, acronyms, str(folder),
                str(cfg.root / cfg.cache_dir / "kartu"))
    kit = json.loads((folder / SHARE_FILE).read_text(encoding="utf-8"))
    if as_json:
        print(json.dumps(kit, ensure_ascii=False, indent=1))
        return
    # soft_wrap: never break a line (a broken URL cannot be copied from the terminal)
    out.print(f"[bold]{escape(kit['title'])}[/]\n{escape(kit['url'])}\n"
              f"Tagar: {escape(' '.join(kit['hashtags']) or '-')}", soft_wrap=True)
    for key, entry in kit["texts"].items():
        unit = "berbobot" if key == "x" else "karakter"
        out.print(f"\n[bold cyan]── {PLATFORMS[key]}[/] ({entry['length']}/{entry['limit']} {unit})")
        out.print(entry["text"], markup=False, highlight=False, soft_wrap=True)
    out.print("\n[bold cyan]── Kartu[/]")
    labels = {"tautan": "pratinjau tautan", "instagram": "Instagram"}
    for kind, card in kit["cards"].items():
        local = os.path.relpath(folder / posixpath.basename(card["path"]))
        out.print(f"{labels[kind]} {card['width']}×{card['height']}, {card['bytes'] // 1024} KB: "
                  f"{local}\n  setelah terbit: {card['url']}", markup=False, highlight=False, soft_wrap=True)


@main.command()
@click.option("--month", metavar="YYYY-MM", help="Laporan satu bulan, mis. 2026-10.")
@click.option("--year", metavar="YYYY", help="Laporan satu tahun, mis. 2026.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "xlsx", "json"]), default="text",
              help="text untuk dibaca, csv atau xlsx untuk lembar kerja, json untuk mesin.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="BERKAS", help="Tulis ke BERKAS, bukan ke layar (wajib untuk xlsx).")
def report(month: str | None, year: str | None, fmt: str, output: Path | None) -> None:
    """Laporan bulanan atau tahunan: rilis, klarifikasi, koreksi, embargo dan kliping.

    Angkanya sama dengan halaman /laporan/ di situs: yang terbit dan tampil sekarang."""
    from .history import read_history
    from .report import PeriodError, build_report, clipping_rows, parse_period
    from .reportfiles import render
    from .site import collect

    try:
        period = parse_period(month, year)
    except PeriodError as error:
        err.print(f"[red]✗[/] {escape(error.message)}\n  [dim]petunjuk:[/] {escape(error.hint)}", soft_wrap=True)
        sys.exit(2)
    if fmt == "xlsx" and output is None:
        err.print("[red]✗[/] format xlsx perlu berkas tujuan\n  [dim]petunjuk:[/] tambahkan "
                  f"`--output {period.stem}.xlsx`.", soft_wrap=True)
        sys.exit(2)
    cfg = _cfg()
    clock = now(cfg.tz)
    content = load_content(cfg, clock=clock)
    if content.problems:
        print_problems(content.problems, "text")
        err.print(f"\n[red bold]Laporan tidak dibuat:[/] {_summary(content.problems)}. Perbaiki lalu "
                  "jalankan lagi.")
        sys.exit(1)
    site = collect(content, cfg, clock)
    history = read_history(cfg.root, cfg.docs_dir + "/rilis")
    if history.warning:
        err.print(f"[yellow]PERINGATAN[/] {escape(history.warning)}", soft_wrap=True)
    data = render(build_report(site, history, period, clipping_rows(site)), fmt)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        why = ("foldernya belum ada" if isinstance(error, FileNotFoundError) else "tidak ada izin menulis"
               if isinstance(error, PermissionError) else error.strerror or "galat sistem")
        err.print(f"[red]✗[/] tidak bisa menulis {escape(str(output))}: {why}\n  [dim]petunjuk:[/] pilih "
                  "berkas di folder yang ada dan boleh ditulisi.", soft_wrap=True)
        sys.exit(1)
    err.print(f"[green]✓[/] Laporan {escape(period.label)} ditulis ke {escape(str(output))}.")


@main.command()
@click.option("--base", required=True, help="Cabang/commit pembanding, mis. origin/main.")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              help="text untuk manusia, github untuk anotasi di pull request.")
def guard(base: str, fmt: str) -> None:
    """Tolak perubahan diam-diam pada rilis yang sudah terbit (dibanding BASE)."""
    from .guard import BaseError
    from .guard import guard as run_guard

    cfg = _cfg()
    try:
        problems = run_guard(cfg, base, now(cfg.tz))
    except BaseError as error:  # nothing compared: no verdict on the releases
        print_problems([error.problem], fmt)
        sys.exit(1)
    if problems:
        print_problems(problems, fmt)
        err.print(f"\n[red bold]Ditolak:[/] {_summary(problems)}. Rilis yang sudah terbit hanya boleh "
                  "diubah dengan catatan perubahan, dan tidak pernah dihapus (tarik dengan `withdrawn`).")
        sys.exit(1)
    err.print(f"[green]✓[/] Tidak ada perubahan diam-diam pada rilis yang sudah terbit (dibanding {escape(base)}).")


@main.command()
@click.option("--base", required=True, help="Cabang/commit pembanding, mis. origin/main.")
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"),
              help="Folder situs yang sudah dibangun (untuk kartu bagikan).")
def summary(base: str, site_dir: Path) -> None:
    """Ringkasan Markdown rilis yang berubah (untuk ringkasan pekerjaan CI)."""
    from .guard import BaseError, changed_releases
    from .review import summary_markdown

    cfg = _cfg()
    try:
        changes = changed_releases(cfg, base)
    except BaseError as error:
        print_problems([error.problem], "text")
        sys.exit(1)
    kinds: dict[str, str] = {}  # bundle folder -> A/M/D, the index.md's status winning
    for status, _, rel in changes.files:
        if rel.endswith("/kliping.yml"):
            continue  # the publication trail is not the release: no status, no new share texts
        folder = rel.rsplit("/", 1)[0]
        if rel.endswith("/index.md") or folder not in kinds:
            kinds[folder] = status
    clock = now(cfg.tz)
    content = load_content(cfg)
    changed = [(r, kinds[r.path.rsplit("/", 1)[0]] != "A") for r in content.releases
               if r.path.rsplit("/", 1)[0] in kinds]
    acronyms = content.registries.acronyms if content.registries else ()
    print(summary_markdown(cfg, changed, clock, acronyms, site_dir, content.releases), end="")


@main.command()
@click.option("--window-minutes", default=90, show_default=True,
              help="Rilis yang embargonya berakhir dalam rentang ini dianggap baru jatuh tempo.")
def due(window_minutes: int) -> None:
    """Cetak rilis yang baru saja jatuh tempo; keluar 1 bila tidak ada (jadwal tidak membangun)."""
    from datetime import timedelta

    from .review import due as due_releases

    cfg = _cfg()
    found = due_releases(load_content(cfg).releases, now(cfg.tz), timedelta(minutes=window_minutes))
    for release in found:
        print(release.path)
    if not found:
        err.print("Tidak ada rilis yang jatuh tempo; tidak perlu membangun ulang.")
        sys.exit(1)


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"),
              help="Folder situs yang sudah dibangun.")
def links(site_dir: Path) -> None:
    """Periksa tautan internal situs yang sudah dibangun (tidak ada yang rusak)."""
    from .linkcheck import broken_links

    cfg = _cfg()
    broken = broken_links(site_dir, cfg.site_url)
    for page, url in broken:
        err.print(f"  [red]✗[/] {escape(f'{page}: tautan rusak → {url}')}", soft_wrap=True)
    if broken:
        err.print(f"\n[red bold]Gagal:[/] {len(broken)} tautan internal rusak.")
        sys.exit(1)
    err.print(f"[green]✓[/] Semua tautan internal di {site_dir}/ mengarah ke berkas yang ada.")


@main.command()
@click.option("--since", metavar="TANGGAL",
              help="Hanya berita mitra sejak tanggal ini, mis. 2026-11-01 (bawaan: 30 hari terakhir).")
@click.option("--write", is_flag=True, help="Tulis usulan ke kliping.yml rilisnya (tanpa ini: hanya dicetak).")
@click.option("--timeout", default=10.0, show_default=True, metavar="DETIK",
              help="Batas waktu tiap permintaan ke umpan mitra, dalam detik.")
def clippings(since: str | None, write: bool, timeout: float) -> None:
    """Cari rilis yang dimuat ulang media mitra (dari umpan mereka) dan usulkan kliping."""
    from .clippings import run

    if not 0 < timeout <= 600:
        err.print("[red]✗[/] --timeout harus lebih dari 0 dan paling lama 600 detik, mis. --timeout 10.")
        sys.exit(2)
    sys.exit(run(_cfg(), since, write, timeout, out))


@main.command()
@click.option("--target", metavar="ALAMAT",
              help="Tujuan: file:///folder, ssh://pengguna@server[:port]/folder atau s3://bucket/awalan.")
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"),
              help="Folder situs yang sudah dibangun.")
@click.option("--rollback", is_flag=True, help="Kembali ke versi sebelumnya di target (file:// dan ssh://).")
@click.option("--max-deletes", type=click.IntRange(min=0), default=500, show_default=True, metavar="ANGKA",
              help="Tolak terbit yang akan menghapus lebih dari ANGKA berkas di target.")
@click.option("--dry-run", is_flag=True, help="Hanya hitung yang akan diunggah dan dihapus; target tidak diubah.")
@click.option("--check-pages-size", is_flag=True,
              help="Periksa saja apakah situs muat di GitHub Pages (paling besar 900 MB).")
def publish(target: str | None, site_dir: Path, rollback: bool, max_deletes: int, dry_run: bool,
            check_pages_size: bool) -> None:
    """Terbitkan situs yang sudah dibangun ke folder, server SSH atau penyimpanan objek S3.

    Hanya berkas yang berubah yang diunggah; situs yang tayang tidak pernah setengah jadi."""
    from .publish import command

    if check_pages_size:
        if target or rollback or dry_run:
            raise click.UsageError("--check-pages-size dipakai sendiri, tanpa --target, --rollback "
                                   "atau --dry-run.")
        sys.exit(command.check_pages(site_dir))
    if not target:
        raise click.UsageError("opsi --target wajib diisi (atau pakai --check-pages-size).")
    sys.exit(command.run(site_dir, target, rollback=rollback, max_deletes=max_deletes, dry_run=dry_run))
