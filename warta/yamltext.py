"""YAML with line numbers, and front matter split from a Markdown file.

Dates stay strings here (the release model parses them in the site's zone), so an impossible
date such as 2026-02-30 becomes a field error rather than a crash inside the YAML library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

Path_ = tuple[Any, ...]

_YAML_MESSAGES = {
    "mapping values are not allowed": "titik dua (:) di tempat yang tidak semestinya",
    "could not find expected ':'": "titik dua (:) setelah nama kunci tidak ditemukan",
    "found character '\\t' that cannot start any token": "ada karakter tab; gunakan spasi",
    "did not find expected key": "indentasi tidak rata atau kunci tidak ditemukan",
    "found unexpected end of stream": "teks berakhir sebelum waktunya (tanda kutip belum ditutup?)",
    "did not find expected node content": "nilai kosong atau tidak lengkap",
    "expected <block end>, but found": "indentasi tidak rata",
    "found undefined alias": "alias (*) tidak dikenal",
}


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(f"{line}: {message}")


def _explain(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error)
    for english, indonesian in _YAML_MESSAGES.items():
        if english in problem:
            return f"{indonesian} ({problem})"
    return problem


def load_with_lines(text: str, first_line: int = 1) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML document; return the data and the line of every key and list item.

    `first_line` is the file line of the document's first line. Raises YamlProblem.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[Path_, int] = {}
        _index(node, (), lines, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlProblem(line, _explain(error)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, _explain(error)) from None
    finally:
        loader.dispose()
    return data, lines


def _index(node: yaml.Node, path: Path_, lines: dict[Path_, int], first: int) -> None:
    lines.setdefault(path, first + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                child = path + (key.value,)
                lines[child] = first + key.start_mark.line
                _index(value, child, lines, first)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), lines, first)


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of `path`, or of its nearest parent that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


@dataclass(frozen=True)
class Split:
    front: str  # YAML text between the fences
    body: str  # Markdown after the closing fence
    body_line: int  # file line where the body starts


class FrontMatterProblem(Exception):
    def __init__(self, line: int, message: str, hint: str):
        self.line, self.message, self.hint = line, message, hint
        super().__init__(message)


_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(text: str) -> Split:
    """Split `---` fenced YAML front matter from the Markdown body, strictly."""
    if not text.strip():
        raise FrontMatterProblem(1, "berkas kosong", "isi berkas dengan front matter dan isi rilis; "
                                 "buat rilis baru dengan `scripts/warta new`.")
    lines = text.splitlines(keepends=True)
    if not _FENCE.match(lines[0].rstrip("\r\n")):
        raise FrontMatterProblem(1, "berkas tidak diawali front matter (`---`)",
                                 "baris pertama harus `---`, diikuti kunci seperti `title:` dan "
                                 "ditutup dengan `---`.")
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i].rstrip("\r\n")):
            return Split("".join(lines[1:i]), "".join(lines[i + 1:]), i + 2)
    raise FrontMatterProblem(1, "front matter tidak pernah ditutup",
                             "tambahkan baris `---` setelah kunci terakhir front matter, "
                             "sebelum isi rilis.")
