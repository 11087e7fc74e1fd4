"""Hostile or careless YAML and invisible characters: refused quickly, clearly, never a crash.

Alias bombs, deep nesting, duplicate keys, tags, odd keys, Unicode line separators and
"Trojan Source" bidi controls, oversized files; through `load_content` for the exact
Indonesian message and line, and through the real CLI with the C parser (libyaml) and with
the pure-Python fallback for the inputs that once took minutes or crashed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD, REPO, run_warta, write_release

from warta.config import load_site_config
from warta.load import load_content
from warta.yamltext import YamlProblem, invisible_characters, load_with_lines, split_front_matter

REL = "content/rilis/2026/11/jembatan-talang-mulya/index.md"
HEAD = ("---\n"
        f"title: {GOOD['title']}\n"  # line 2
        f"date: {GOOD['date']}\n"
        f"summary: {GOOD['summary']}\n"
        "category: pembangunan\n"  # line 5
        "unit: dpupr\n")  # line 6; extra front matter starts on line 7


def release(extra: str = "", body: str = "Warga kini bisa menyeberang dengan aman.\n") -> str:
    """A valid release with `extra` front matter lines from line 7."""
    return HEAD + extra + "---\n\n" + body


def problems(root: Path):
    return sorted(load_content(load_site_config(root)).problems, key=lambda p: (p.path, p.line or 0, p.message))


def only(root: Path):
    found = problems(root)
    assert len(found) == 1, [p.format_text() for p in found]
    return found[0]


# Nine lines of nine aliases each: 9**9 strings once expanded (minutes and gigabytes before).
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))

NO_LIBYAML = "import sys; sys.modules['yaml._yaml'] = None; import yaml; assert not yaml.__with_libyaml__; "


def cli(root: Path, *args: str, libyaml: bool = True) -> subprocess.CompletedProcess:
    """The real CLI, as `run_warta` runs it, with a timeout; `libyaml=False` hides the C
    parser so PyYAML falls back to its pure-Python one."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"}
    code = ("" if libyaml else NO_LIBYAML) + "import runpy; runpy.run_module('warta', run_name='__main__')"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=30)


def test_the_base_release_is_valid(project):
    write_release(project, text=release("draft: true\n"))
    assert problems(project) == []


# --- 1, 2. alias bombs and deep nesting, through the real CLI ---------------------------

@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_alias_bomb_is_refused_at_once(project, libyaml):
    write_release(project, text=release(BOMB))
    done = cli(project, "check", libyaml=libyaml)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert f"{REL}:7: anchor YAML (`&a`) tidak didukung" in done.stderr
    assert f"{REL}:8: alias YAML (`*a`) tidak didukung" in done.stderr
    assert f"{REL}:15: alias YAML (`*h`) tidak didukung" in done.stderr
    assert "petunjuk: tulis nilainya langsung; Warta tidak memakai anchor (&) dan alias (*)." in done.stderr


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("nested", ["[" * 10_000, "{a: " * 10_000, "- " * 10_000 + "x"],
                         ids=["flow-lists", "flow-mappings", "block-lists"])
def test_deep_nesting_is_refused_not_a_crash(project, libyaml, nested):
    write_release(project, text=release(f"tags:\n  {nested}\n"))
    done = cli(project, "check", libyaml=libyaml)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout and "RecursionError" not in done.stderr
    assert f"{REL}:8: susunan YAML terlalu dalam (lebih dari 20 tingkat)" in done.stderr


def test_deep_block_mappings(project):
    # 10,000 nested block mappings need 50 MB of indentation: the size cap refuses the file
    deep = "".join(" " * i + "a:\n" for i in range(10_000))
    write_release(project, text=release(deep))
    done = cli(project, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{REL}: berkas terlalu besar (48853 KB; maksimal 1024 KB)" in done.stderr
    # and the parser alone stops at level 21 too, with either parser
    with pytest.raises(YamlProblem) as caught:
        load_with_lines(deep, first_line=7)
    assert [(i.line, i.message) for i in caught.value.issues] == [
        (27, "susunan YAML terlalu dalam (lebih dari 20 tingkat)")]


def test_nesting_within_the_cap_is_fine_and_deeper_is_refused(project):
    def nested(levels: int) -> str:
        return "".join(" " * i + "a:\n" for i in range(levels)) + " " * levels + "b\n"

    assert load_with_lines(nested(20))[0] is not None  # 20 levels
    with pytest.raises(YamlProblem):
        load_with_lines(nested(21))
    write_release(project, text=release(nested(300)))  # deep but under the size caps
    p = only(project)  # the root mapping starts on line 2; the 21st level on line 27
    assert (p.path, p.line, p.message) == (REL, 27, "susunan YAML terlalu dalam (lebih dari 20 tingkat)")


# --- 3. duplicate keys --------------------------------------------------------------------

DUP_DRAFT = "draft: true\ntags: [jembatan, desa]\ndraft: false\n"  # lines 7-9


def test_duplicate_draft_is_refused(project):
    write_release(project, text=release(DUP_DRAFT))
    p = only(project)
    assert (p.path, p.line, p.field) == (REL, 9, "draft")
    assert p.message == "kunci `draft` ditulis dua kali (baris 7 dan 9)"
    assert p.hint == "hapus salah satunya."


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_duplicate_draft_fails_check_and_build(project, libyaml):
    write_release(project, text=release(DUP_DRAFT))
    done = cli(project, "check", libyaml=libyaml)
    assert done.returncode == 1
    assert f"{REL}:9: draft: kunci `draft` ditulis dua kali (baris 7 dan 9)" in done.stderr
    built = run_warta(project, "build")
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert "kunci `draft` ditulis dua kali" in built.stderr
    assert not (project / "site").exists()


def test_every_duplicate_of_a_file_at_once(project):
    extra = ("image:\n  src: foto.jpg\n  alt: Warga menyeberang\n  alt: Jembatan baru\n"  # 7-10
             "  credit: Diskominfo\n"
             f"title: {GOOD['title']}\n"  # 12, again
             "tags:\n  - {nama: a, nama: b}\n")  # 14
    write_release(project, text=release(extra))
    found = [(p.line, p.field, p.message) for p in problems(project)]
    assert found == [(10, "image.alt", "kunci `alt` ditulis dua kali (baris 9 dan 10)"),
                     (12, "title", "kunci `title` ditulis dua kali (baris 2 dan 12)"),
                     (14, "tags[0].nama", "kunci `nama` ditulis dua kali (baris 14)")]


def test_a_key_three_times(project):
    write_release(project, text=release("draft: true\ndraft: true\ndraft: false\n"))
    assert only(project).message == "kunci `draft` ditulis 3 kali (baris 7, 8 dan 9)"


def test_quoted_and_plain_key_are_the_same_key(project):
    write_release(project, text=release('draft: true\n"draft": false\n'))
    assert only(project).message == "kunci `draft` ditulis dua kali (baris 7 dan 8)"


# --- 4. line separators: lines end at "\n" only ------------------------------------------

@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"])
def test_a_fence_after_a_line_separator_does_not_end_front_matter(sep):
    text = "---\ntitle: Judul\n" + sep + "---\ndraft: true\n---\nIsi.\n"
    split = split_front_matter(text)
    assert "draft: true" in split.front and split.body == "Isi.\n" and split.body_line == 6
    assert sep.splitlines() != [sep]  # Python would have broken the line there


@pytest.mark.parametrize("sep, name", [("\u2028", "LINE SEPARATOR"), ("\x85", "NEXT LINE"),
                                       ("\x0c", "FORM FEED")])
def test_draft_behind_a_line_separator_stays_a_draft(project, sep, name):
    # `unit: dpupr<sep>---` used to end the front matter there, and `draft: true` was body text
    text = HEAD.replace("unit: dpupr\n", f"unit: dpupr{sep}---\n") + "draft: true\n---\n\nIsi.\n"
    write_release(project, text=text)
    content = load_content(load_site_config(project))
    assert content.releases == []
    messages = {(p.line, p.message) for p in content.problems}
    assert (6, f"karakter tak terlihat U+{ord(sep):04X} ({name})") in messages
    assert (6, "unit (OPD) 'dpupr ---' tidak dikenal") in messages  # read as text, not a fence


def test_lines_after_a_separator_match_the_editor(project):
    # the separator is read as a space, so a later mistake is reported at its own line
    text = release(body="Baris satu\u2028masih baris sembilan.\n").replace(
        "category: pembangunan", "category: kesehtan")
    write_release(project, text=text)
    found = [(p.line, p.field, p.message) for p in problems(project)]
    assert found == [(5, "category", "kategori 'kesehtan' tidak dikenal"),
                     (9, None, "karakter tak terlihat U+2028 (LINE SEPARATOR)")]


def test_lone_carriage_return_is_not_a_line_break(project):
    write_release(project, text=release("draft: true\r---\ndraft: false\n"))
    found = {(p.line, p.message): p for p in problems(project)}
    cr = found[7, "karakter tak terlihat U+000D (CARRIAGE RETURN)"]
    assert cr.hint.startswith("simpan ulang berkas dengan akhir baris LF atau CRLF")
    assert (8, "kunci `draft` ditulis dua kali (baris 7 dan 8)") in found


def test_windows_line_endings_are_fine(project):
    write_release(project, text=release("draft: true\n").replace("\n", "\r\n"))
    assert problems(project) == []


# --- 5. invisible characters anywhere -----------------------------------------------------

@pytest.mark.parametrize("char, name", [
    ("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
    ("\u2069", "POP DIRECTIONAL ISOLATE"), ("\u202a", "LEFT-TO-RIGHT EMBEDDING"),
    ("\u2028", "LINE SEPARATOR"), ("\u2029", "PARAGRAPH SEPARATOR"), ("\x00", "NULL"),
    ("\x1b", "ESCAPE"), ("\x7f", "DELETE"), ("\x85", "NEXT LINE"), ("\x9b", "CONTROL"),
    ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
])
@pytest.mark.parametrize("where", ["title", "body"])
def test_invisible_character_is_named_at_its_line(project, char, name, where):
    if where == "title":
        text, line = release().replace("Bupati Resmikan", f"Bupati{char} Resmikan"), 2
    else:
        text, line = release(body=f"Paragraf pertama.\n\nWarga kini bisa{char} menyeberang.\n"), 11
    write_release(project, text=text)
    p = only(project)
    assert (p.path, p.line, p.field) == (REL, line, None)
    assert p.message == f"karakter tak terlihat U+{ord(char):04X} ({name})"
    assert p.hint == "hapus karakter ini; biasanya terbawa saat menyalin dari Word atau aplikasi pesan."


def test_trojan_source_once_per_line_and_code_point(project):
    body = "Anggaran \u202eRp 1 miliar\u202c untuk \u202edesa\u202c.\nBaris lain \u202ejuga.\n"
    write_release(project, text=release(body=body))
    found = [(p.line, p.message) for p in problems(project)]
    assert found == [(9, "karakter tak terlihat U+202C (POP DIRECTIONAL FORMATTING)"),
                     (9, "karakter tak terlihat U+202E (RIGHT-TO-LEFT OVERRIDE)"),
                     (10, "karakter tak terlihat U+202E (RIGHT-TO-LEFT OVERRIDE)")]


def test_byte_order_mark_at_the_start_is_fine(project):
    path = write_release(project, text=release())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems(project) == []
    assert invisible_characters("\ufeffa\ufeff") == [
        (1, "karakter tak terlihat U+FEFF (ZERO WIDTH NO-BREAK SPACE)",
         "hapus karakter ini; biasanya terbawa saat menyalin dari Word atau aplikasi pesan.")]


def test_ordinary_text_has_no_invisible_characters():
    assert invisible_characters("Tab\tdan baris\nbaru, é ñ 한국어 😀 — “kutip” ‘tunggal’ \u00a0") == []


def test_tab_in_yaml_indentation_is_explained(project):
    write_release(project, text=release("image:\n\tsrc: foto.jpg\n"))
    p = only(project)
    assert p.line == 8
    assert p.message.startswith("YAML front matter tidak valid: ada karakter tab; gunakan spasi")
    assert "spasi, bukan tab" in p.hint


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_tab_message_with_either_parser(project, libyaml):
    write_release(project, text=release("image:\n  src: foto.jpg\n\talt: Foto\n"))
    done = cli(project, "check", libyaml=libyaml)
    assert done.returncode == 1
    assert f"{REL}:9: YAML front matter tidak valid: ada karakter tab; gunakan spasi" in done.stderr


# --- 6. size caps -------------------------------------------------------------------------

def test_file_over_one_mebibyte(project):
    write_release(project, text=release(body="x" * (1024 * 1024)))
    p = only(project)
    assert (p.path, p.line) == (REL, None)
    assert p.message == "berkas terlalu besar (1025 KB; maksimal 1024 KB)"


def test_front_matter_over_64_kibibytes(project):
    write_release(project, text=release("".join(f"k{i}: {'x' * 60}\n" for i in range(1100))))
    p = only(project)
    assert (p.path, p.line) == (REL, 1)
    assert p.message == "front matter terlalu besar (73 KB; maksimal 64 KB)"
    assert p.hint.startswith("front matter hanya berisi kunci singkat")


# --- odd inputs: a clear message, never a traceback ----------------------------------------

ODD = {  # name: (text, line, message)
    "python-tag": (release("title: !!python/object/apply:os.system [ls]\n"), 7,
                   "tag YAML (`!!python/object/apply:os.system`) tidak didukung"),
    "binary-tag": (release("image: !!binary aGFsbw==\n"), 7, "tag YAML (`!!binary`) tidak didukung"),
    "huge-integer": (release(f"draft: {'9' * 5000}\n"), 7, "angka terlalu panjang (5000 digit)"),
    "list-key": (release("? [a]\n: b\n"), 7, "kunci harus berupa teks, bukan daftar"),
    "mapping-key": (release("? {a: 1}\n: b\n"), 7, "kunci harus berupa teks, bukan kumpulan kunci"),
    "null-key": (release("~: b\n"), 7, "kunci harus berupa teks, bukan kosong"),
    "bool-key": (release("yes: b\n"), 7, "kunci harus berupa teks, bukan true/false"),
    "number-key": (release("2026: b\n"), 7, "kunci harus berupa teks, bukan angka"),
    "second-document": (release("--- !x\ndraft: false\n"), 7,
                        "ada dokumen YAML kedua (penanda `---` atau `...`)"),
    "document-end": (release("...\ndraft: false\n"), 8, "YAML front matter tidak valid: ada teks "
                     "setelah penanda akhir dokumen (`...`)"),
    "list-document": ("---\n- a\n- b\n---\nIsi.\n", 2,
                      "front matter harus berupa kumpulan kunci (`title: …`, `date: …`)"),
    "scalar-document": ("---\nhalo\n---\nIsi.\n", 2,
                        "front matter harus berupa kumpulan kunci (`title: …`, `date: …`)"),
    "infinity-title": (HEAD.replace(GOOD["title"], ".inf") + "---\nIsi.\n", 2,
                       "harus berupa teks, bukan angka"),
    "merge-key": (release("<<: {draft: true}\n"), 7, "kunci tidak dikenal"),
    "value-key": (release("location: =\n"), 7, "terlalu pendek (1 karakter; minimal 2)"),
    "anchor-only": (release("location: &kota Sarimulya\n"), 7, "anchor YAML (`&kota`) tidak didukung"),
    "alias-only": (release("location: *kota\n"), 7, "alias YAML (`*kota`) tidak didukung"),
    "capitalised-key": (release().replace("title:", "Title:"), 2, "kunci tidak dikenal"),
    "noncharacter": (release("location: Sari\ufffemulya\n"), 7, "YAML front matter tidak valid: "
                     "ada karakter yang tidak diizinkan"),
    "rich-markup": (release("'[/x]': 1\n"), 7, "kunci tidak dikenal"),
}


@pytest.mark.parametrize("name", ODD)
def test_odd_input_gets_a_clear_message(project, name):
    text, line, message = ODD[name]
    write_release(project, text=text)
    found = [(p.path, p.line, p.message) for p in problems(project)]
    assert any(f == (REL, line, message) or (f[:2] == (REL, line) and f[2].startswith(message))
               for f in found), found


def test_binary_junk_is_not_utf8(project):
    write_release(project).write_bytes(b"---\ntitle: \x00\xff\xfe\x80junk\n---\n")
    p = only(project)
    assert (p.line, p.message) == (2, "berkas bukan teks UTF-8 (byte 0xff di posisi 12)")


def test_capitalised_key_suggests_the_lower_case_one(project):
    write_release(project, text=release().replace("summary:", "Summary:"))
    found = {p.field: p for p in problems(project)}
    assert found["Summary"].line == 4 and found["Summary"].message == "kunci tidak dikenal"
    assert found["Summary"].hint.startswith("maksud Anda: summary?")
    assert found["summary"].message == "wajib diisi"


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_no_odd_input_makes_a_traceback(project, libyaml):
    for i, (text, _, _) in enumerate(ODD.values()):
        write_release(project, f"rilis/2026/11/rilis-aneh-{i}", text=text)
    write_release(project, "rilis/2026/11/rilis-biner").write_bytes(b"---\n\x00\xff\xfe\x80\n---\n")
    done = cli(project, "check", libyaml=libyaml)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert f"kesalahan di {len(ODD) + 1} berkas" in done.stderr
    assert "content/rilis/2026/11/rilis-aneh-0/index.md:7: tag YAML" in done.stderr


# --- the registries file ------------------------------------------------------------------

def test_registries_duplicate_slug_key(project):
    reg = project / "data/registries.yml"
    text = reg.read_text()
    reg.write_text(text.replace("  - slug: dinkes\n", "  - slug: dinkes\n    slug: dinsos\n", 1))
    line = reg.read_text().split("\n").index("    slug: dinsos") + 1
    write_release(project)
    p = only(project)
    assert (p.path, p.line, p.field) == ("data/registries.yml", line, "units[4].slug")
    assert p.message == f"kunci `slug` ditulis dua kali (baris {line - 1} dan {line})"


def test_registries_alias_bomb(project):
    reg = project / "data/registries.yml"
    reg.write_text(reg.read_text() + "\n" + BOMB)
    first = reg.read_text().split("\n").index(BOMB.split("\n")[1]) + 1
    write_release(project)
    found = [(p.path, p.line, p.message) for p in problems(project)]
    assert ("data/registries.yml", first, "alias YAML (`*a`) tidak didukung") in found
    assert len(found) == 9


def test_registries_not_utf8(project):
    (project / "data/registries.yml").write_bytes(b"categories:\n  - slug: \xff\n")
    p = only(project)
    assert (p.path, p.message) == ("data/registries.yml", "berkas bukan teks UTF-8 (byte 0xff di posisi 22)")
