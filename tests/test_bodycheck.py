"""Release bodies: what they put on the page (third-party requests, attributes, raw HTML), the
exact images they reference, and personal data in any form."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import REPO, write_release
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta import mdrefs
from warta.bodycheck import bundle_file, html_problems, image_refs, personal_data, sanitize
from warta.config import load_site_config
from warta.load import load_content

REL = "content/rilis/2026/11/jembatan-talang-mulya/index.md"
DOMAINS = ("go.id",)


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            src = next((v for k, v in attrs if k == "src"), None)  # browsers use the first
            if src is not None or any(k == "src" for k, _ in attrs):
                self.srcs.append(src or "")

    handle_startendtag = handle_starttag


def rendered_images(body: str) -> list[str]:
    """The `src` of every <img> Python-Markdown really renders, with MkDocs' extensions."""
    parser = _Images()
    parser.feed(markdown.markdown(body, extensions=list(mdrefs.EXTENSIONS)))
    parser.close()
    return parser.srcs


def messages(body: str) -> list[str]:
    return [message for _, message, _ in html_problems(body)]


def test_extensions_are_those_mkdocs_renders_bodies_with():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    assert set(mdrefs.EXTENSIONS) == listed | {"toc", "tables", "fenced_code"}  # MkDocs' built-ins


# -- exact image references --------------------------------------------------------------------

# An image named `…-N.jpg` is on line N of its body.
CORPUS = [
    "![Bupati meninjau jembatan](foto-1.jpg)\n",
    "Paragraf pembuka.\n\n![alt dengan [kurung] bersarang](foto-3.jpg)\n",
    "![alt dengan \\[kurung\\] lolos](foto-1.jpg) dan ![b\\]](foto2-1.jpg)\n",
    "![a](foto-1.jpg \"Judul\")\n![b](foto-2.jpg 'Judul')\n![c](foto-3.jpg (Judul))\n",
    "![nama berspasi](<foto satu-1.jpg>) dan ![x](<foto(2)-1.jpg> \"t\")\n",
    "![Foto][f]\n\n[f]: foto-1.jpg\n",
    "Teks.\n\n![Foto][JEMBATAN]\n\n[jembatan]: <foto-3.jpg> \"Jembatan gantung\"\n",
    "![f][]\n\n[F]:\n    foto-1.jpg\n    \"Judul di baris berikutnya\"\n",
    "![f]\n\n[f]: foto-1.jpg 'Judul'\n",
    "[![Foto](foto-1.jpg)](https://diskominfo.lembahsari.go.id)\n",
    "[![Foto][f]](https://x.go.id) [teks ![ikon](ikon-1.png)][t]\n\n[f]: foto-1.jpg\n[t]: https://x.go.id\n",
    "| Foto | Keterangan |\n|---|:-:|\n| ![a](foto-3.jpg) | Jembatan |\n| Sungai | ![b](foto-4.jpg) |\n",
    "- ![a](foto-1.jpg)\n- teks\n    ![b](foto-3.jpg)\n\n1. ![c](foto-5.jpg)\n",
    "- satu\n    - ![a](foto-2.jpg)\n\n    lanjutan ![b](foto-4.jpg)\n",
    "Tulis `![contoh](contoh.jpg)` untuk foto: ![nyata](foto-1.jpg)\n",
    "``![a](bukan.jpg) ` masih kode``\n\n![b](foto-3.jpg)\n",
    "```\n![a](bukan.jpg)\n<img src=\"bukan.jpg\">\n```\n\n![b](foto-6.jpg)\n",
    "~~~markdown\n![a](bukan.jpg)\n~~~\n![b](foto-4.jpg)\n",
    "Contoh:\n\n    ![a](bukan.jpg)\n    <img src=\"bukan.jpg\">\n\n![b](foto-6.jpg)\n",
    "Foto <img src=\"foto-1.jpg\" alt=\"x\"> di tengah kalimat.\n",
    "<figure>\n  <img src=\"foto-2.jpg\" alt=\"Jembatan\">\n  <figcaption>Jembatan</figcaption>\n</figure>\n\n"
    "![b](foto-6.jpg)\n",
    "<div>\n![tidak dirender](bukan.jpg)\n</div>\n\n![ya](foto-5.jpg)\n",
    "<!-- ![tidak](bukan.jpg) <img src=\"bukan.jpg\"> -->\n\n![ya](foto-3.jpg)\n",
    "teks <!-- ![tidak](bukan.jpg) --> teks ![ya](foto-1.jpg)\n",
    "\\![bukan gambar](bukan.jpg) dan ![ya](foto-1.jpg)\n",
    "\\<img src=\"foto-1.jpg\"> tetap HTML\n",
    "![a](foto&#45;1.jpg) ![b](a&amp;b-1.jpg) ![c](a&b&copy-1.jpg)\n",
    "![a](foto\\_1-1.jpg) ![b](foto\\\\2-1.jpg)\n",
    "> Kutipan\n> ![a](foto-2.jpg)\n>\n> > ![b](foto-4.jpg)\n",
    "## Judul ![ikon](ikon-1.png)\n\nJudul ![x](foto-3.jpg)\n=====\n",
    "![a](foto-1.jpg){: .besar width=\"600\" }\n\nParagraf\n{: .lead }\n",
    "![a](foto-1.jpg) ![b](gambar-1.jpg) <img src=\"lain-1.jpg\">\n",
    "Judul\n---\n\n***\n\n![a](foto-6.jpg)\n",
    "![a][tidak-ada]\n\n![b](foto-3.jpg)\n",
    "*![a](foto-1.jpg)* dan **![b](foto2-1.jpg)**\n",
    "![a ![b](dalam.jpg)](foto-1.jpg)\n",
    "[<img src=\"foto-1.jpg\">](https://x.go.id)\n",
    "Baris satu\nbaris dua ![a](foto-2.jpg)\nbaris tiga ![b](foto-3.jpg)\n",
    "\t![tab berarti kode](bukan.jpg)\n\nTeks  \n![a](foto-4.jpg)\n",
    "![a](foto_(1)-1.jpg) ![kosong]()\n",
    "<span>![a](foto-1.jpg)</span>\n",
    "> [f]: foto-3.jpg\n\n![x][f]\n",
    "| a | b |\n|---|---|\n| ![x\\|y](foto-3.jpg) | z |\n",
    "<div>\n```\n<img src=\"bukan.jpg\">\n```\n<img src=\"foto-5.jpg\">\n</div>\n",
    "![a](https://contoh.com/foto.jpg) ![b](//cdn.contoh.com/b.jpg)\n",
]


@pytest.mark.parametrize("body", CORPUS)
def test_image_refs_are_exactly_the_images_markdown_renders(body):
    refs = image_refs(body)
    assert [target for _, target in refs] == rendered_images(body)
    for line, target in refs:
        if m := re.search(r"-(\d+)\.(?:jpg|png)$", target):
            assert line == int(m.group(1)), (line, target)


def test_image_refs_resolve_escapes_and_entities_and_skip_code():
    assert image_refs(CORPUS[26]) == [(1, "foto-1.jpg"), (1, "a&b-1.jpg"), (1, "a&b&copy-1.jpg")]
    assert image_refs(CORPUS[27]) == [(1, "foto_1-1.jpg"), (1, "foto\\2-1.jpg")]
    body = "![a](sama.jpg)\n\n`![a](sama.jpg)`\n\n    ![a](sama.jpg)\n\n![a](sama.jpg)\n"
    assert image_refs(body) == [(1, "sama.jpg"), (7, "sama.jpg")]
    assert image_refs("Tanpa gambar sama sekali.\n") == []


def test_bundle_file_is_a_plain_name_beside_index_md():
    assert bundle_file("foto-1.jpg") == "foto-1.jpg"
    assert bundle_file("foto%20satu.jpg") == "foto satu.jpg"
    for target in ["https://x.go.id/a.jpg", "//x/a.jpg", "\\\\x\\a.jpg", "/\\x/a.jpg", "sub/a.jpg",
                   "../a.jpg", "..", "/a.jpg", "a.jpg?v=2", "a.jpg#x", "data:image/png,x", "",
                   "%2e%2e%2fa.jpg", "a\tb.jpg", "a\u200bb.jpg", "C:a.jpg"]:
        assert bundle_file(target) is None, target


FRAGMENTS = ["![a](a.jpg)", "![b c](<b c.jpg>)", "![x][r]", "![r]", "![r][]", "[r]: r.jpg",
             "[R]: \"t.jpg\"", "[r]:\n  r2.jpg \"t\"", "`![c](c.jpg)`", "```", "~~~", "    ", "> ",
             "- ", "1. ", "\n", "\n\n", "  ", "<img src=\"h.jpg\">", "<div>", "</div>", "<!--",
             "-->", "[", "]", "(", ")", "\\", "\\[", "!", "teks", "| a | b |\n|---|---|\n| ",
             " |", "{: .x }", "\"t\"", "&amp;", "[l](https://x.go.id)", "[![i](i.jpg)](l)", "*",
             "_", "## ", "<span>", "</span>", "`", "\t", "===", "---"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25))
def test_image_refs_match_markdown_on_generated_bodies(pieces):
    body = "".join(pieces)
    assert [target for _, target in image_refs(body)] == rendered_images(body)


LINES = ["Teks biasa {n}.", "![foto](L{n}.jpg)", "Lihat ![a](L{n}.jpg) dan ![b](L{n}b.jpg).",
         "- ![x](L{n}.jpg)", "1. item ![x](L{n}.jpg)", "> ![q](L{n}.jpg)", "    ![kode](kode.jpg)",
         "```", "~~~", "`![s](kode.jpg)` lalu ![t](L{n}.jpg)", "<img src=\"L{n}.jpg\">",
         "<div><img src=\"L{n}.jpg\"></div>", "<div>", "</div>", "<figure>", "</figure>",
         "## Judul ![h](L{n}.jpg)", "Judul", "===", "---", "| a | b |", "|---|---|",
         "| ![c](L{n}.jpg) | d |", "[r{n}]: R{n}.jpg", "![teks](L{n}.jpg){{: .besar }}",
         "<!-- ![z](kode.jpg) -->", "kalimat <img src=\"L{n}.jpg\"> kalimat", "", ""]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=30))
def test_image_lines_match_the_source_on_generated_bodies(templates):
    body = "\n".join(t.format(n=n) for n, t in enumerate(templates, 1)) + "\n"
    refs = image_refs(body)
    assert [target for _, target in refs] == rendered_images(body)
    for line, target in refs:
        if m := re.fullmatch(r"L(\d+)b?\.jpg", target):
            assert line == int(m.group(1)), (line, target)


# -- no third-party requests, nothing outside the allowlist --------------------------------------

@pytest.mark.parametrize("body, message", [
    ('<img src="a.jpg" srcset="https://evil.com/a.jpg 2x">', "gambar dari situs lain (https://evil.com/a.jpg)"),
    ('<img src="//evil.com/x.jpg">', "gambar dari situs lain (//evil.com/x.jpg)"),
    ('<img src=" //evil.com/x.jpg">', "gambar dari situs lain ( //evil.com/x.jpg)"),
    ('<img src="\\\\evil.com\\x.jpg">', "alamat gambar `\\\\evil.com\\x.jpg` memakai garis miring terbalik (\\)"),
    ('<img src="/\\evil.com/x.jpg">', "alamat gambar `/\\evil.com/x.jpg` memakai garis miring terbalik (\\)"),
    ('<img src="\\/evil.com/x.jpg">', "alamat gambar `\\/evil.com/x.jpg` memakai garis miring terbalik (\\)"),
    ('<img src="/&#x09;/evil.com/x.jpg">', "alamat gambar `/\\u0009/evil.com/x.jpg` berisi karakter tersembunyi"),
    ('<img src="data:image/png;base64,AAAA">', "alamat gambar `data:image/png;base64,AAAA` tidak diizinkan"),
    ('<img src="foto/a.jpg">', "gambar `foto/a.jpg` harus berada langsung di folder rilis"),
    ('<img src="../lain/a.jpg">', "gambar `../lain/a.jpg` harus berada langsung di folder rilis"),
    ('<img src="%2e%2e%2fa.jpg">', "gambar `%2e%2e%2fa.jpg` harus berada langsung di folder rilis"),
    ('<p style="background:url(//evil.com/x)">x</p>', "atribut `style` pada <p> tidak diizinkan"),
    ('<table background="//evil.com/x.jpg"><tr><td>x</td></tr></table>',
     "atribut `background` pada <table> tidak diizinkan"),
    ('<span srcset="//evil.com/x.jpg">x</span>', "atribut `srcset` pada <span> tidak diizinkan"),
    ('<a href="x.html" formaction="//evil.com">x</a>', "atribut `formaction` pada <a> tidak diizinkan"),
    ('<a xlink:href="//evil.com">x</a>', "atribut `xlink:href` pada <a> tidak diizinkan"),
    ('<div href="//evil.com">x</div>', "atribut `href` pada <div> tidak diizinkan"),
    ('<video poster="//evil.com/x.jpg"></video>', "tag HTML <video> tidak diizinkan"),
    ('<svg><image href="//evil.com/x"/></svg>', "tag HTML <svg> tidak diizinkan"),
    ('<a href="\\\\evil.com/x">x</a>', "alamat `\\\\evil.com/x` pada <a> memakai garis miring terbalik (\\)"),
    ('<a href="vbscript:x">x</a>', "alamat `vbscript:x` pada <a> tidak diizinkan"),
    ('<a href="data:text/html,x">x</a>', "alamat `data:text/html,x` pada <a> tidak diizinkan"),
    ("![a](//evil.com/x.jpg)", "gambar dari situs lain (//evil.com/x.jpg)"),
    ("![a](<https://evil.com/x y.jpg> \"t\")", "gambar dari situs lain (https://evil.com/x y.jpg)"),
    ("![a][r]\n\n[r]: https://evil.com/x.jpg \"t\"", "gambar dari situs lain (https://evil.com/x.jpg)"),
    ("![R]\n\n[r]:\n    //evil.com/x.jpg", "gambar dari situs lain (//evil.com/x.jpg)"),
    ("![a](/\\evil.com/x.jpg)", "alamat gambar `/\\evil.com/x.jpg` memakai garis miring terbalik (\\)"),
    ("![a](foto/a.jpg)", "gambar `foto/a.jpg` harus berada langsung di folder rilis"),
    ("![a]()", "gambar tanpa nama berkas"),
    ("[klik](javascript:alert(1))", "alamat `javascript:alert(1)` pada <a> tidak diizinkan"),
    ('![a](a.jpg){: onclick="alert(1)" }', "atribut `onclick` pada <img> tidak diizinkan"),
    ('![a](a.jpg){ src="//evil.com/x.jpg" }', "atribut `src` tidak boleh diatur lewat daftar atribut {…}"),
    ("Paragraf\n{: style=\"color:red\" }", "atribut `style` pada <p> tidak diizinkan"),
    ("## Judul { data-x=1 }", "atribut `data-x` pada <h2> tidak diizinkan"),
    ('[a](https://x.go.id){: target="_blank" }', "atribut `target` pada <a> tidak diizinkan"),
    ('```{ .py onclick="x" }\nkode\n```', "atribut `onclick` pada <code> tidak diizinkan"),
])
def test_what_would_leave_the_site_or_the_allowlist_is_an_error(body, message):
    assert message in messages(body)


def test_attribute_list_setting_src_is_refused_and_the_image_too():
    assert messages('![a](a.jpg){ src="//evil.com/x.jpg" }') == [
        "atribut `src` tidak boleh diatur lewat daftar atribut {…}",
        "gambar dari situs lain (//evil.com/x.jpg)"]


@pytest.mark.parametrize("body", [
    "![Foto](foto-1.jpg \"Judul\") ![b](<foto satu.jpg>) ![c](foto%20dua.jpg)",
    "![Foto][f]\n\n[f]: foto-1.jpg",
    '<figure><img src="foto-1.jpg" alt="x" width="800"><figcaption>x</figcaption></figure>',
    '<a href="https://x.go.id">a</a> <a href="mailto:humas@x.go.id">b</a> <a href="tel:+6273921045">c</a> '
    '<a href="../lain/">d</a> <a href="#bagian">e</a>',
    "[a](https://x.go.id) [b](../lain/) <https://diskominfo.go.id> <humas@lembahsari.go.id>",
    "## Judul {: #judul .kelas title=\"x\" lang=id }\n\nParagraf\n{: .lead }\n\n![a](a.jpg){: width=600 alt=x }",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "Biaya {sekitar} Rp 5 juta, rumus a < b dan b > c.",
    "`<script>` dan `![a](//evil.com/x)`\n\n```\n<img src=\"//evil.com/x\">\n![a](//evil.com/x)\n```\n\n"
    "    <iframe src=\"//evil.com\"></iframe>\n    ![a](//evil.com/x)\n",
    "~~~html\n<p style=\"x\" onclick=\"y\">\n~~~\n",
])
def test_ordinary_bodies_and_code_are_fine(body):
    assert html_problems(body) == []


def test_problems_name_their_line():
    body = ("Pembuka.\n\n![a](https://evil.com/a.jpg)\n\nTeks\n"
            "dengan <img src=\"//evil.com/b.jpg\"\n  onerror=\"x()\">\n\n![c][r]\n\n[r]: //evil.com/c.jpg\n")
    assert [(line, message) for line, message, _ in html_problems(body)] == [
        (3, "gambar dari situs lain (https://evil.com/a.jpg)"),
        (6, "atribut `onerror` pada <img> tidak diizinkan"),
        (6, "gambar dari situs lain (//evil.com/b.jpg)"),
        (9, "gambar dari situs lain (//evil.com/c.jpg)"),
    ]
    _, message, hint = html_problems("![a](//evil.com/a.jpg)")[0]
    assert hint.startswith("simpan fotonya di folder rilis")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.printable + "\u200b\u2028\x00\x02\x03äé", max_size=200))
def test_no_body_makes_the_checks_crash(body):
    html_problems(body)
    image_refs(body)
    personal_data(body, DOMAINS)


# -- the sanitiser as a second line ---------------------------------------------------------------

@pytest.mark.parametrize("html, kept, dropped", [
    ('<img src="//evil.com/x.jpg" alt="a">', 'alt="a"', "evil"),
    ('<img src="https://evil.com/x.jpg">', "<img", "evil"),
    ('<img src="\\\\evil.com\\x.jpg">', "<img", "evil"),
    ('<img src="/abs.jpg">', "<img", "abs"),
    ('<img src="foto-1600.jpg" srcset="foto-800.jpg 800w, //evil.com/x.jpg 1600w">',
     'src="foto-1600.jpg"', "srcset"),
    ('<a href="\\\\evil.com/x">x</a>', "<a", "evil"),
    ('<a href="//evil.com/x">x</a>', "<a", "evil"),
    ('<a href="javascript:alert(1)">x</a>', "<a", "javascript"),
])
def test_sanitize_drops_addresses_that_leave_the_site(html, kept, dropped):
    clean = sanitize(html)
    assert kept in clean and dropped not in clean, clean


def test_sanitize_strips_what_the_allowlist_does_not_name():
    assert sanitize('<span class="x" style="color:red" onclick="y()">berwarna</span><script>z</script>') \
        == '<span class="x">berwarna</span>'


def test_sanitize_keeps_site_photos_and_ordinary_links():
    html = ('<img src="foto-800.jpg" srcset="foto-400.jpg 400w, foto-800.jpg 800w" alt="x">'
            '<a href="https://x.go.id/a">a</a><a href="../lain/">b</a>')
    assert sanitize(html) == html.replace('">a<', '" rel="noopener">a<').replace('/">b<', '/" rel="noopener">b<')


# -- personal data in any form -----------------------------------------------------------------

NIK = "ada angka 16 digit yang mirip NIK (data pribadi)"
MOBILE = "ada nomor ponsel pribadi (data pribadi)"


def kinds(text: str) -> list[str]:
    return [message for _, message, _ in personal_data(text, DOMAINS)]


@pytest.mark.parametrize("text", [
    "NIK 1671015708900001.", "NIK: 1671015708900001, alamat", "(1671015708900001)",
    "NIK 1671 0157 0890 0001 terdaftar", "1671.0157.0890.0001", "1671-0157-0890-0001",
    "167101 570890 0001", "nomor 16 71 01 570890 0001.",
])
def test_nik_in_any_form_is_flagged(text):
    assert kinds(text) == [NIK]


@pytest.mark.parametrize("text", [
    "0812 3456 7890", "0812-3456-7890", "(0812) 3456 7890", "+62 812-3456-7890", "+62 (812) 3456 7890",
    "62812345678901", "+6281234567890", "0812.3456.7890", "081234567890", "Hubungi 0812-3456-789.",
    "tahun 2025 0812 3456 7890", "+62-812-3456-7890",
])
def test_mobile_numbers_in_any_form_are_flagged(text):
    assert kinds(text) == [MOBILE]


@pytest.mark.parametrize("text", [
    "Telepon (0732) 21234 atau 021-3456789 atau 0736 21234.", "Rp 1.250.000.000", "Rp1.671.015.708",
    "anggaran Rp 3.621.300.000.000.000", "62.812.345.678 rupiah", "2026-2027", "tahun 2025 2026",
    "2024 2025 2026 2027", "17-08-2026", "08-12-2026 10.00 WIB", "pukul 08.00-12.00", "62,5%",
    "naik 0,8123456789 persen", "kode rekening 5.1.02.01.01.0024", "1.02.01.2.06.0001",
    "NIP 19800101 200501 1 001", "Perda Nomor 12 Tahun 2026", "NPWP 01.234.567.8-901.000",
])
def test_office_numbers_money_years_and_codes_are_not_personal_data(text):
    assert kinds(text) == []


def test_lines_and_email_still_work():
    text = "Baris satu.\nNIK 1671 0157 0890 0001\nHP +62 812-3456-7890, budi@gmail.com, humas@x.go.id\n"
    assert [(line, message) for line, message, _ in personal_data(text, DOMAINS)] == [
        (2, NIK), (3, "ada alamat e-mail pribadi (budi@gmail.com)"), (3, MOBILE)]


@st.composite
def written_mobile(draw):
    """A mobile number (8x and 7–10 more digits after the 0 or 62) as people write it."""
    digits = "8" + draw(st.sampled_from("123579")) + draw(st.text(alphabet=string.digits,
                                                                  min_size=7, max_size=10))
    at = draw(st.integers(2, 4))  # the operator prefix: 81, 812, 8123
    groups = [digits[:at]]
    while at < len(digits):
        size = draw(st.integers(2, 5))
        groups.append(digits[at:at + size])
        at += size
    sep = draw(st.sampled_from([" ", "-", ".", ""]))
    country = draw(st.sampled_from(["", "+62 ", "+62", "62", "+62-"]))
    first = groups[0] if country else "0" + groups[0]
    if sep and draw(st.booleans()):
        first = f"({first})"
    return country + first + sep + sep.join(groups[1:])


@settings(max_examples=300, deadline=None)
@given(written_mobile(), st.sampled_from(["Hubungi {}.", "HP: {}", "({})", "{}, atau", "WA {}!"]))
def test_any_written_mobile_number_is_flagged(number, sentence):
    assert kinds(sentence.format(number)) == [MOBILE], number


@st.composite
def written_nik(draw):
    day = draw(st.one_of(st.integers(1, 31), st.integers(41, 71)))
    digits = (f"{draw(st.integers(11, 94))}{draw(st.integers(1, 99)):02d}{draw(st.integers(1, 99)):02d}"
              f"{day:02d}{draw(st.integers(1, 12)):02d}{draw(st.integers(0, 99)):02d}"
              f"{draw(st.integers(1, 9999)):04d}")
    sizes = draw(st.sampled_from([(16,), (4, 4, 4, 4), (6, 6, 4), (2, 2, 2, 6, 4)]))
    sep = draw(st.sampled_from([" ", ".", "-"]))
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at:at + size])
        at += size
    return sep.join(parts)


@settings(max_examples=300, deadline=None)
@given(written_nik(), st.sampled_from(["NIK {}.", "NIK: {}", "({})", "{}, lahir", "KTP {}"]))
def test_any_written_nik_is_flagged(nik, sentence):
    assert kinds(sentence.format(nik)) == [NIK], nik


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**16), st.sampled_from(["Rp {}", "Rp{}", "Rp. {}", "sebesar Rp {},00", "Rp {} rupiah"]))
def test_no_rupiah_amount_is_personal_data(amount, sentence):
    assert kinds(sentence.format(f"{amount:,}".replace(",", "."))) == []


# -- through the loader: Problems with file, field and line ---------------------------------------

def problems(root: Path):
    return load_content(load_site_config(root)).problems


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().split("\n"), 1) if needle in line)


def test_body_problems_reach_check_with_file_and_line(project):
    path = write_release(project, body="""\
        Pembuka.

        ![Foto][luar]

        Paragraf
        {: onclick="alert(1)" }

        ```
        ![contoh di kode](//evil.com/x.jpg)
        ```

        [luar]: https://evil.com/foto.jpg
        """)
    found = [(p.path, p.line, p.field, p.message) for p in problems(project)]
    assert found == [
        (REL, line_of(path, "![Foto][luar]"), "isi", "gambar dari situs lain (https://evil.com/foto.jpg)"),
        (REL, line_of(path, "{: onclick"), "isi", "atribut `onclick` pada <p> tidak diizinkan"),
    ]


def test_personal_data_in_any_form_reaches_check(project):
    path = write_release(project, body="Pelapor NIK 1671.0157.0890.0001, HP (0812) 3456 7890.\n")
    found = [(p.line, p.field, p.message) for p in problems(project)]
    line = line_of(path, "Pelapor")
    assert found == [(line, "isi", NIK), (line, "isi", MOBILE)]
