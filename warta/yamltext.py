"""YAML with line numbers, and front matter split from a Markdown file.

Dates stay strings here (the release model parses them in the site's zone), so an impossible
date such as 2026-02-30 becomes a field error rather than a crash inside the YAML library.

Only the plain YAML staff write is accepted: one document of mappings, lists and scalars,
with text keys each written once. Invisible characters, anchors and aliases, tags (`!!…`) and
nesting deeper than MAX_DEPTH are refused from the parser's events before any node is built,
so a hostile text (an alias bomb, 10,000 nested brackets) is refused quickly with bounded
memory, by the C parser and by the pure-Python fallback alike. Lines are counted on "\\n"
only, as editors and diffs count them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.reader import ReaderError

from .problems import Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


# Plain scalars become text, numbers, true/false or null; never timestamps (dates stay text),
# merge keys (`<<`), `=` or the `!`/`&`/`*` "yaml" values, which need constructors we refuse.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rsplit(":", 1)[-1] in {"bool", "int", "float", "null"}]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

Path_ = tuple[Any, ...]

MAX_DEPTH = 20  # nested mappings and lists; front matter needs four
MAX_FILE_BYTES = 1024 * 1024  # an index.md
MAX_FRONT_BYTES = 64 * 1024  # its front matter
_MAX_DIGITS = 100  # longer integers would exceed Python's conversion limit (or are mistakes)
_TAG = "tag:yaml.org,2002:"

_TAB = "ada karakter tab; gunakan spasi"
_BLOCK = ("tanda | atau > di awal nilai harus langsung diikuti ganti baris (beri tanda kutip bila "
          "teksnya memang diawali tanda itu)")
# The parser's problem (English, from libyaml or PyYAML) -> what a writer reads; the first
# match wins, so the more specific texts come first.
_YAML_MESSAGES = {
    "mapping values are not allowed": "titik dua (:) di tempat yang tidak semestinya",
    "could not find expected ':'": "titik dua (:) setelah nama kunci tidak ditemukan",
    "found character '\\t' that cannot start any token": _TAB,
    "tab character": _TAB,
    "that cannot start any token": "karakter ini tidak boleh mengawali nilai (beri tanda kutip "
                                   "pada teksnya)",
    "did not find expected key": "indentasi tidak rata atau kunci tidak ditemukan",
    "found unexpected end of stream": "teks berakhir sebelum waktunya (tanda kutip belum ditutup?)",
    "did not find expected node content": "nilai kosong atau tidak lengkap",
    "expected <block end>, but found": "indentasi tidak rata",
    "expected <document start>": "ada teks setelah penanda akhir dokumen (`...`)",
    "expected '<document start>'": "ada teks setelah penanda akhir dokumen (`...`)",
    "expected alphabetic or numeric character": "tanda & atau * harus diikuti nama (beri tanda "
                                                "kutip bila berupa teks)",
    "unacceptable character": "ada karakter yang tidak diizinkan",
    "or ']'": "daftar `[…]` tidak ditutup dengan `]`, atau ada koma yang hilang",
    "or '}'": "kumpulan `{…}` tidak ditutup dengan `}`, atau ada koma yang hilang",
    "escape": "garis miring terbalik (\\) di dalam tanda kutip ganda diikuti karakter yang tidak "
              "dikenal (pakai tanda kutip tunggal, atau tulis \\\\)",
    "hexdecimal number": "garis miring terbalik (\\) di dalam tanda kutip ganda diikuti karakter "
                         "yang tidak dikenal (pakai tanda kutip tunggal, atau tulis \\\\)",
    "expected comment or line break": _BLOCK,
    "chomping or indentation indicators": _BLOCK,
    "mapping keys are not allowed": "tanda ? di awal nilai tidak diizinkan (beri tanda kutip pada "
                                    "teksnya)",
    "block sequence entries are not allowed": "tanda - di tempat yang tidak semestinya (tulis isi "
                                              "daftar di baris-baris baru di bawah kuncinya)",
    "tag": "tag YAML (`!…`) tidak didukung (beri tanda kutip bila berupa teks)",
}
_GLUED = re.compile(r"\s*(([A-Za-z][\w-]*):(?![\s/])\S+)")  # `title:Bupati`, not `https://`
_UNCLOSED = "tanda kutip {quote} dibuka di sini tetapi tidak ditutup"
_UNCLOSED_HINT = ("tutup teksnya dengan tanda kutip yang sama di akhir nilai, mis. "
                  "`title: \"Bupati: Jembatan Baru Diresmikan\"`.")
_AFTER_QUOTE = "ada teks setelah tanda kutip penutup"
_AFTER_QUOTE_HINT = ("bila tanda kutip itu bagian dari teks, kutip seluruh nilai dengan jenis tanda "
                     "kutip yang lain, mis. `title: 'Bupati Resmikan \"Gerbang Desa\" Sarimulya'`.")
_REFUSED_HINT = "tulis nilainya langsung; Warta tidak memakai anchor (&) dan alias (*)."


@dataclass(frozen=True)
class YamlIssue:
    """One thing refused in a YAML text, at its file line."""

    line: int
    message: str
    hint: str | None = None  # None for a syntax error: the caller's general hint applies
    field: str | None = None  # key path such as "image.alt", when one is known


class YamlProblem(Exception):
    """Everything refused in one YAML text: a syntax error, or every refusal found in it."""

    def __init__(self, issues: list[YamlIssue]):
        self.issues = sorted(issues, key=lambda i: i.line)
        self.line, self.message = self.issues[0].line, self.issues[0].message
        super().__init__("; ".join(f"{i.line}: {i.message}" for i in self.issues))

    def problems(self, path: str, lead: str, hint: str) -> list[Problem]:
        """One Problem per issue; a syntax error reads `lead: message`, with `hint`."""
        return [Problem(path, i.line, i.field, i.message if i.hint else f"{lead}: {i.message}",
                        i.hint or hint) for i in self.issues]


def load_with_lines(text: str, first_line: int = 1) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML document; return the data and the line of every key and list item.

    `first_line` is the file line of the document's first line. Raises YamlProblem with
    every refusal (invisible characters, anchors, aliases, tags, deep nesting, duplicate or
    non-text keys) or the first syntax error.
    """
    issues = [YamlIssue(first_line + line - 1, message, hint)
              for line, message, hint in invisible_characters(text)]
    if issues:  # the parser would count some of them as line breaks
        raise YamlProblem(issues)
    issues = _screen(text, first_line)
    if issues:
        raise YamlProblem(issues)
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[Path_, int] = {}
        _index(node, (), lines, first_line, issues)
        if issues:
            raise YamlProblem(issues)
        return loader.construct_document(node), lines
    except yaml.YAMLError as error:
        raise YamlProblem([_syntax(error, text, first_line)]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _screen(text: str, first: int) -> list[YamlIssue]:
    """Read the parser's events once, building nothing: refuse aliases, anchors, tags, a
    second document and nesting deeper than MAX_DEPTH (one issue per line at most; an alias
    rather than the anchor on the same line)."""
    found: dict[int, YamlIssue] = {}
    anchors: dict[int, YamlIssue] = {}  # reported on lines that have no other issue
    loader = None
    depth = documents = 0
    try:
        loader = _Loader(text)  # the pure-Python reader checks the characters here
        while loader.check_event():
            event = loader.get_event()
            line = first + event.start_mark.line
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    found.setdefault(line, YamlIssue(
                        line, "ada dokumen YAML kedua (penanda `---` atau `...`)",
                        "hapus penanda ini; semua kunci ditulis dalam satu dokumen."))
                    break
            elif isinstance(event, yaml.AliasEvent):
                found.setdefault(line, YamlIssue(
                    line, f"alias YAML (`*{_show(event.anchor)}`) tidak didukung", _REFUSED_HINT))
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                anchors.setdefault(line, YamlIssue(
                    line, f"anchor YAML (`&{_show(event.anchor)}`) tidak didukung", _REFUSED_HINT))
            if getattr(event, "tag", None) is not None:
                tag = "!!" + event.tag[len(_TAG):] if event.tag.startswith(_TAG) else event.tag
                found.setdefault(line, YamlIssue(
                    line, f"tag YAML (`{_show(tag)}`) tidak didukung",
                    "hapus tag `!…` dan tulis nilainya langsung (beri tanda kutip bila berupa teks)."))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    found.setdefault(line, YamlIssue(
                        line, f"susunan YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)",
                        "periksa indentasi dan kurung `[`/`{` yang tidak ditutup; front matter "
                        "cukup beberapa tingkat (mis. `image:` lalu `src:`)."))
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        issue = _syntax(error, text, first)
        found.setdefault(issue.line, issue)
    finally:
        if loader is not None:
            loader.dispose()
    return list((anchors | found).values())


def _index(node: yaml.Node, path: Path_, lines: dict[Path_, int], first: int,
           issues: list[YamlIssue]) -> None:
    """Record the line of every key and item; refuse non-text, duplicate keys, huge integers."""
    lines.setdefault(path, first + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, list[int]] = {}
        for key, value in node.value:
            line = first + key.start_mark.line
            if not (isinstance(key, yaml.ScalarNode) and key.tag == _TAG + "str"):
                issues.append(YamlIssue(line, f"kunci harus berupa teks, bukan {_kind(key)}",
                                        "tulis nama kunci sebagai teks, mis. `title:`.",
                                        _field(path) or None))
                continue
            seen.setdefault(key.value, []).append(line)
            lines[path + (key.value,)] = line
            _index(value, path + (key.value,), lines, first, issues)
        for name, at in seen.items():
            if len(at) > 1:
                times = "dua" if len(at) == 2 else str(len(at))
                rows = sorted(set(at))  # `{a: 1, a: 2}` is one line
                listed = ", ".join(map(str, rows[:-1])) + f" dan {rows[-1]}" if len(rows) > 1 else rows[0]
                issues.append(YamlIssue(at[1], f"kunci `{_show(name)}` ditulis {times} kali "
                                        f"(baris {listed})", "hapus salah satunya.",
                                        _field(path + (name,))))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), lines, first, issues)
    elif node.tag == _TAG + "int" and len(node.value) > _MAX_DIGITS:
        issues.append(YamlIssue(first + node.start_mark.line,
                                f"angka terlalu panjang ({len(node.value)} digit)",
                                "periksa nilainya; bila memang teks, beri tanda kutip.",
                                _field(path) or None))


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "daftar"
    if isinstance(node, yaml.MappingNode):
        return "kumpulan kunci"
    return {"int": "angka", "float": "angka", "bool": "true/false", "null": "kosong"}.get(
        node.tag[len(_TAG):], "teks")


def _field(path: Path_) -> str:
    """("updates", 0, "date") -> "updates[0].date"."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _show(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _syntax(error: yaml.YAMLError, text: str, first: int) -> YamlIssue:
    """The parser's first error as a writer reads it, at the line where the mistake is."""
    if isinstance(error, ReaderError):
        code = f" (U+{error.character:04X})" if isinstance(error.character, int) else ""
        return YamlIssue(first + text.count("\n", 0, error.position),
                         f"ada karakter yang tidak diizinkan{code}")
    if (quote := _quote_issue(error, text, first)) is not None:
        return quote
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = (getattr(error, "problem", None) or str(error)).split("\n")[0]
    context = getattr(error, "context", None) or ""
    if "flow" in context and error.context_mark is not None:
        mark = error.context_mark  # where the `[` or `{` that is never closed was opened
    if mark and "mapping values are not allowed" in problem:
        rows = text.split("\n")
        for row in (mark.line - 1, mark.line):  # `title:Bupati` then `date: …` fails a line later
            if 0 <= row < len(rows) and (glued := _GLUED.match(rows[row])):
                return YamlIssue(first + row, f"tidak ada spasi setelah titik dua (`{_show(glued[1])}`)",
                                 f"tulis spasi setelah titik dua, mis. `{glued[2]}: …`.")
    if mark and "cannot start any token" in problem:  # libyaml does not name the character
        rows = text.split("\n")
        row = rows[mark.line] if mark.line < len(rows) else ""
        if row[mark.column: mark.column + 1] == "\t":
            return YamlIssue(first + mark.line, _TAB)
    return YamlIssue(first + (mark.line if mark else 0), _explain(problem))


def _explain(problem: str) -> str:
    for english, indonesian in _YAML_MESSAGES.items():
        if english in problem:
            return indonesian
    return f"susunan YAML tidak bisa dibaca ({problem})"


def _quote_issue(error: yaml.YAMLError, text: str, first: int) -> YamlIssue | None:
    """A quote that is never closed, reported where it opens (the parser notices only lines
    later, at the end of the text or at the next quote), or text after a closing quote."""
    context, problem = getattr(error, "context", None) or "", getattr(error, "problem", None) or ""
    start = getattr(error, "context_mark", None)
    if "quoted scalar" in context and "end of stream" in problem and start is not None:
        quote = text.split("\n")[start.line][start.column: start.column + 1] or "\""
        return YamlIssue(first + start.line, _UNCLOSED.format(quote=quote), _UNCLOSED_HINT)
    at = getattr(error, "problem_mark", None)
    if at is None:
        return None
    previous = None
    for token in _tokens(text):
        if (token.start_mark.line, token.start_mark.column) == (at.line, at.column):
            if isinstance(previous, yaml.ScalarToken) and previous.style in ("\"", "'"):
                if previous.start_mark.line < previous.end_mark.line:
                    return YamlIssue(first + previous.start_mark.line,
                                     _UNCLOSED.format(quote=previous.style), _UNCLOSED_HINT)
                return YamlIssue(first + at.line, _AFTER_QUOTE, _AFTER_QUOTE_HINT)
            return None
        previous = token
    return None


def _tokens(text: str):
    """The scanner's tokens until its first error (only read after a syntax error)."""
    loader = _Loader(text)
    try:
        while loader.check_token():
            yield loader.get_token()
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of `path`, or of its nearest parent that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


# --- invisible characters -----------------------------------------------------------------

# C0 controls but TAB and LF, DEL and C1 controls (NEL among them), the line and paragraph
# separators, bidirectional embeddings, overrides and isolates ("Trojan Source"), and a
# byte-order mark anywhere but at the very start.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_CONTROL_NAMES = {0x00: "NULL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x1C: "FILE SEPARATOR",
                  0x1D: "GROUP SEPARATOR", 0x1E: "RECORD SEPARATOR", 0x1F: "UNIT SEPARATOR",
                  0x7F: "DELETE", 0x85: "NEXT LINE"}
_INVISIBLE_HINT = "hapus karakter ini; biasanya terbawa saat menyalin dari Word atau aplikasi pesan."
_CR_HINT = ("simpan ulang berkas dengan akhir baris LF atau CRLF (di editor: End of Line); "
            "CR tunggal bukan ganti baris.")


def invisible_characters(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) for every invisible character, once per line and code point.

    Lines are counted on "\\n" only. A byte-order mark at the very start is allowed.
    """
    found: dict[tuple[int, str], tuple[int, str, str]] = {}
    line, pos = 1, 0
    for match in _INVISIBLE.finditer(text, _bom(text)):
        ch = match.group()
        line += text.count("\n", pos, match.start())
        pos = match.start()
        if (line, ch) not in found:
            name = _CONTROL_NAMES.get(ord(ch)) or unicodedata.name(ch, "CONTROL")
            found[line, ch] = (line, f"karakter tak terlihat U+{ord(ch):04X} ({name})",
                               _CR_HINT if ch == "\r" else _INVISIBLE_HINT)
    return list(found.values())


def without_invisible(text: str) -> str:
    """`text` with every invisible character replaced by a space (lines and columns kept),
    so the rest of a file that has them can still be checked."""
    start = _bom(text)
    return text[:start] + _INVISIBLE.sub(" ", text[start:])


def _bom(text: str) -> int:
    """Where invisible characters are looked for: after a byte-order mark at the very start."""
    return 1 if text.startswith("\ufeff") else 0


# --- front matter -------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    front: str  # YAML text between the fences
    body: str  # Markdown after the closing fence
    body_line: int  # file line where the body starts


class FrontMatterProblem(Exception):
    def __init__(self, line: int, message: str, hint: str):
        self.line, self.message, self.hint = line, message, hint
        super().__init__(message)


_FENCE = re.compile(r"---[ \t]*")


def split_front_matter(text: str) -> Split:
    """Split `---` fenced YAML front matter from the Markdown body, strictly.

    Lines end at "\\n" only (as in YAML and Markdown; CRLF is normalised before), never at
    U+2028, NEL, form feed or a lone CR, which `str.splitlines` would also break on.
    """
    if not text.strip():
        raise FrontMatterProblem(1, "berkas kosong", "isi berkas dengan front matter dan isi rilis; "
                                 "buat rilis baru dengan `scripts/warta new`.")
    lines = text.split("\n")
    if not _FENCE.fullmatch(lines[0]):
        raise FrontMatterProblem(1, "berkas tidak diawali front matter (`---`)",
                                 "baris pertama harus `---`, diikuti kunci seperti `title:` dan "
                                 "ditutup dengan `---`.")
    for i in range(1, len(lines)):
        if _FENCE.fullmatch(lines[i]):
            return Split("".join(f"{line}\n" for line in lines[1:i]), "\n".join(lines[i + 1:]),
                         i + 2)
    raise FrontMatterProblem(1, "front matter tidak pernah ditutup",
                             "tambahkan baris `---` setelah kunci terakhir front matter, "
                             "sebelum isi rilis.")
