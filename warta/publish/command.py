"""The `scripts/warta publish` command: what staff read, in Indonesian."""

from __future__ import annotations

import os
from pathlib import Path

from rich.markup import escape

from .. import workers
from ..dates import decimal
from . import PAGES_LIMIT, site_problem, site_size, target
from .s3 import STAGES
from .tools import PublishError

STOPPED = {"rsync": "Situs yang tayang di target tetap utuh (versi lama, atau versi baru bila "
                    "pertukarannya sempat selesai).",
           "rclone": "Setiap halaman di target tetap merujuk berkas yang ada (berkas lama baru "
                     "dihapus di akhir)."}
STAGE_LABELS = {name: label for name, label, _cache in STAGES}


def _show_error(error: PublishError) -> None:
    from ..cli import err

    problem = error.problem
    err.print(f"[red]✗[/] {escape(problem.path)}: {escape(problem.message)}", soft_wrap=True)
    if problem.hint:
        err.print(f"    [dim]petunjuk:[/] {escape(problem.hint)}", soft_wrap=True)


def _shown(site: Path) -> str:
    relative = os.path.relpath(site)
    return site.as_posix() if relative.startswith("..") else relative


def check_pages(site: Path) -> int:
    """`--check-pages-size`: does the built site fit GitHub Pages?"""
    from ..cli import err, out

    shown = _shown(site)
    if (problem := site_problem(site, shown)) is not None:
        _show_error(problem)
        return 1
    files, size = site_size(site)
    megabytes = f"{decimal(size / 1e6)} MB"
    limit = f"{PAGES_LIMIT // 1_000_000} MB"
    if size > PAGES_LIMIT:
        _show_error(PublishError(
            shown, f"situs {megabytes} ({files} berkas), lebih dari batas {limit} untuk GitHub Pages "
                   "(GitHub menerbitkan paling besar 1 GB)",
            "terbitkan ke server atau penyimpanan sendiri: setel variabel repositori "
            "WARTA_PUBLISH_TARGET ke ssh://pengguna@server/folder (server kantor lewat SSH) atau "
            "s3://bucket/awalan (penyimpanan objek S3, mis. di pusat data daerah), beserta kuncinya "
            "(README bagian Publishing, panduan staf bagian Menerbitkan)."))
        err.print("\n[red bold]Tidak diterbitkan:[/] tidak ada yang diunggah ke GitHub Pages.")
        return 1
    out.print(f"[green]✓[/] Situs {escape(shown)}/ {megabytes} ({files} berkas): muat di GitHub Pages "
              f"(batas {limit}).", highlight=False, soft_wrap=True)
    return 0


def run(site: Path, url: str, *, rollback: bool, max_deletes: int, dry_run: bool) -> int:
    """Publish (or roll back); the exit status: 0, 1 on any failure, 128+N when stopped."""
    from ..cli import err

    try:
        with workers.signals_stop_build():
            if rollback:
                _rollback(site, url, dry_run)
            else:
                _publish(site, url, max_deletes, dry_run)
    except PublishError as error:
        _show_error(error)
        if error.changed:
            err.print("\n[red bold]Terbit belum selesai:[/] sebagian berkas sudah diganti, tetapi setiap "
                      "halaman di target tetap merujuk berkas yang ada. Jalankan lagi perintah ini untuk "
                      "menyelesaikannya.")
        else:
            err.print("\n[red bold]Terbit dibatalkan:[/] situs di target tidak diubah.")
        return 1
    except workers.Interrupted as stop:
        kept = "" if rollback else STOPPED["rclone" if url.strip().startswith("s3:") else "rsync"]
        err.print(f"[red bold]Terbit dihentikan ({stop.name}).[/] {kept} Jalankan lagi perintah yang "
                  "sama untuk melanjutkan; berkas yang sudah terunggah dipakai lagi.", soft_wrap=True)
        return 128 + stop.signum
    return 0


def _publish(site: Path, url: str, max_deletes: int, dry_run: bool) -> None:
    from ..cli import err, out

    shown = _shown(site)
    if (problem := site_problem(site, shown)) is not None:
        raise problem
    where = target(url, site)
    out.print(f"Menerbitkan {shown}/ ke {url} ({where.label}) …", markup=False, highlight=False,
              soft_wrap=True)
    plan = where.plan(site, full=dry_run)
    for note in plan.notes:
        err.print(f"[yellow]PERINGATAN[/] {escape(note)}", soft_wrap=True)
    if len(plan.deleted) > max_deletes:
        examples = ", ".join(plan.deleted[:5]) + (", …" if len(plan.deleted) > 5 else "")
        raise PublishError(url, f"terbit ini akan menghapus {len(plan.deleted)} berkas di target, lebih "
                                f"dari batas --max-deletes {max_deletes} (mis. {examples})",
                           f"periksa dulu folder {shown}/ (build tidak lengkap? konten terhapus?) dengan "
                           f"--dry-run; bila memang benar, jalankan lagi dengan --max-deletes "
                           f"{len(plan.deleted)}.")
    if dry_run:
        out.print(f"Uji coba (--dry-run): {plan.uploads} berkas akan diunggah, "
                  f"{plan.total - plan.uploads} sudah sama, {len(plan.deleted)} akan dihapus. "
                  "Target tidak diubah.", markup=False, highlight=False, soft_wrap=True)
        return

    def say(text: str) -> None:
        out.print(text, markup=False, highlight=False, soft_wrap=True)

    result = where.apply(site, plan, say)
    stages = ", ".join(f"{STAGE_LABELS[name]} {count}" for name, count in result.stages.items() if count)
    counts = (f"{result.uploaded} berkas diunggah" + (f" ({stages})" if stages else "")
              + f", {result.same} sudah sama, {result.deleted} dihapus.")
    if result.unchanged:
        text = f"Tidak ada yang berubah di {url}: {counts}"
        text += f" Versi {result.version} tetap tayang." if result.version else ""
    else:
        text = f"Terbit ke {url}: {counts}"
        if result.version:
            text += f" Versi {result.version} tayang" + (
                f"; versi sebelumnya ({plan.live}) disimpan, kembali dengan --rollback." if plan.live else ".")
    out.print(f"[green]✓[/] {escape(text)}", highlight=False, soft_wrap=True)


def _rollback(site: Path, url: str, dry_run: bool) -> None:
    from ..cli import out

    was, now = target(url, site).rollback(dry=dry_run)
    if dry_run:
        out.print(f"Uji coba (--dry-run): {url} akan kembali ke versi {now} (versi {was} dihapus). "
                  "Target tidak diubah.", markup=False, highlight=False, soft_wrap=True)
    else:
        out.print(f"[green]✓[/] {escape(url)} kembali ke versi {now}; versi {was} dihapus.",
                  highlight=False, soft_wrap=True)
