"""What a release body becomes in Python-Markdown, with source lines.

`scan` runs Python-Markdown's own preprocessors, block parser, inline patterns and attribute
lists (the extensions MkDocs renders bodies with), so what it reports is exactly what the page
will hold: every image `src` and link `href` Markdown makes, every piece of raw HTML it passes
through, and every attribute an attribute list (`{: … }`) sets. Code is text and never shows up.

Python-Markdown keeps no source positions, so two things are done here that it does not do:
each line of text in the block tree is matched, in document order, to the source line it came
from (block processing only strips prefixes such as `> `, list markers and indentation, or
splits table rows into cells), and inline patterns are applied by a small driver that mirrors
its inline processor while carrying a line number for every character.
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import threading
import xml.etree.ElementTree as etree
from typing import NamedTuple

import markdown
from markdown import util
from markdown.blockprocessors import HRProcessor
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.serializers import RE_AMP

#: MkDocs' built-in extensions plus those mkdocs.yml adds (a test keeps the two in step).
EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list")


class Item(NamedTuple):
    """One thing the rendered body holds, at the source line it comes from."""

    line: int
    kind: str  # "img" (Markdown image src), "a" (Markdown link href), "html" (raw HTML), "attr"
    value: str  # src / href as a browser reads it, the raw HTML, or the attribute's value
    tag: str = ""  # for "attr": the element the attribute list sets it on
    name: str = ""  # for "attr": the attribute's name


@functools.lru_cache(maxsize=16)
def scan(text: str) -> tuple[Item, ...]:
    """Images, links, raw HTML and attribute-list attributes of a Markdown body, in document
    order. Bodies without `<`, `[` or `{` hold none of them and cost nothing."""
    if not any(c in text for c in "<[{"):
        return ()
    return tuple(_Scan(_markdown(), text).items)


_local = threading.local()


def _markdown() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=list(EXTENSIONS))
    md.reset()
    return md


def _as_parsed(value: str) -> str:
    """An attribute value as a browser reads it: what Python-Markdown's serializer writes
    (a bare `&` escaped, entities kept), then entities resolved."""
    return html.unescape(RE_AMP.sub("&amp;", value).replace(util.AMP_SUBSTITUTE, "&"))


_FENCE = FencedBlockPreprocessor.FENCED_BLOCK_RE
_NEEDS_INLINE = re.compile(r"[<\[{]")


class _Scan:
    def __init__(self, md: markdown.Markdown, text: str):
        self.md = md
        lines = text.split("\n")
        source = md.preprocessors["normalize_whitespace"].run(lines)
        self.source = source  # normalized lines, as every later step sees them
        self.text = "\n".join(source)
        self.starts = list(itertools.accumulate((len(line) + 1 for line in source[:-1]), initial=0))
        self.raw_page: dict[int, str] = {}  # raw HTML block as the page holds it
        self.fence_attrs: list[tuple[int, str, str]] = []
        fenced = "```" in self.text or "~~~" in self.text  # else the step changes nothing
        self.fences = self._fences(self.text) if fenced else []
        lines = md.preprocessors["fenced_code_block"].run(source) if fenced else source
        self.first_raw = len(md.htmlStash.rawHtmlBlocks)  # stash entries before this are code
        lines = md.preprocessors["html_block"].run(lines)
        root = md.parser.parseDocument(lines).getroot()

        self.cursor = 0  # index in `source` of the next line not yet matched
        self.where: dict[tuple[etree.Element, str], list[int]] = {}
        self.lines: dict[etree.Element, tuple[int, int]] = {}  # element -> (first, last) line
        self.raw_line: dict[int, int] = {}  # htmlStash index -> line
        self._align_children(root)

        self.patterns = list(md.inlinePatterns)
        self.stash: dict[str, etree.Element | str] = {}
        md.treeprocessors["inline"].stashed_nodes = self.stash  # read by Pattern.unescape
        self._inline(root)

        before = {el: dict(el.attrib) for el in root.iter()}
        md.treeprocessors["attr_list"].run(root)
        listed = {el: [k for k, v in el.attrib.items() if k not in before.get(el, {})
                       or before[el][k] != v] for el in root.iter()}
        md.treeprocessors["unescape"].run(root)
        self.items: list[Item] = [Item(line, "attr", v, "code", k) for line, k, v in self.fence_attrs]
        self._collect(root, listed)
        self.items.sort(key=lambda item: item.line)  # stable: document order within a line

    # -- fenced code ----------------------------------------------------------------------

    def _fences(self, text: str) -> list[tuple[int, int]]:
        """(first, last) line of each fenced code block, in the order fenced_code stores them;
        the attributes of `{…}` after an opening fence go on <code>."""
        found, index = [], 0
        while m := _FENCE.search(text, index):
            line = text.count("\n", 0, m.start()) + 1
            if m.group("attrs"):
                attrs, remainder = get_attrs_and_remainder(m.group("attrs"))
                if remainder:  # not an attribute list: fenced_code skips it the same way
                    index = m.end("attrs")
                    continue
                self.fence_attrs += [(line, k, v or k) for k, v in attrs if k not in {"id", "."}]
            found.append((line, text.count("\n", 0, m.end()) + 1))
            index = m.end()
        return found

    # -- source lines for the block tree ----------------------------------------------------

    def _align_children(self, parent: etree.Element) -> None:
        for child in parent:
            if child.tag == "pre" and len(child) and isinstance(child[0].text, util.AtomicString):
                for line in html.unescape(child[0].text).split("\n"):
                    self._locate(line)
            elif child.tag == "table":
                self._align_table(child)
            elif child.tag == "hr":
                self._find(HRProcessor.SEARCH_RE.match)
            else:
                if child.text:
                    self._align(child, "text", child)
                self._align_children(child)
            if child.tail:
                self._align(child, "tail", parent)

    def _align(self, el: etree.Element, part: str, owner: etree.Element) -> None:
        text = getattr(el, part)
        where: list[int] = []
        for line in text.split("\n"):
            where += [self._locate(line)] * (len(line) + 1)
        self.where[(el, part)] = where[:len(text)]
        first, _ = self.lines.get(owner, (where[0], 0))
        self.lines[owner] = (first, where[-1] if where else first)

    def _locate(self, line: str) -> int:
        """The source line (1-based) this line of block text came from; moves the cursor."""
        for m in util.HTML_PLACEHOLDER_RE.finditer(line):
            return self._placeholder(int(m.group(1)), line[:m.start()] + line[m.end():])
        return self._find(lambda source: line.strip() in source) if line.strip() else self._here()

    def _find(self, test) -> int:
        """The first source line from the cursor that passes `test`; moves the cursor past it."""
        for j in range(self.cursor, len(self.source)):
            if test(self.source[j]):
                self.cursor = j + 1
                return j + 1
        return self._here()

    def _here(self) -> int:
        return min(self.cursor + 1, len(self.source))

    def _placeholder(self, index: int, rest: str) -> int:
        if index < self.first_raw:  # fenced code: skip over it
            first, last = self.fences[index] if index < len(self.fences) else (self.cursor + 1,) * 2
            self.cursor = max(self.cursor, last)
            return first
        raw, found = self._raw_block(index)
        start = self._line_at(found) if found >= 0 else self.cursor
        if found < 0:  # not verbatim (should not happen): match its first line
            first = raw.split("\n", 1)[0].strip()
            start = next((j for j in range(self.cursor, len(self.source))
                          if first in self.source[j]), self.cursor)
        end = start + raw.count("\n")
        # Text after the closing tag on its last line is Markdown again: leave that line open.
        after = self.text[found + len(raw):].split("\n", 1)[0] if found >= 0 else ""
        self.cursor = end if after.strip() else end + 1
        self.raw_line[index] = start + 1
        if rest.strip():
            self._locate(rest)
        return start + 1

    def _raw_block(self, index: int) -> tuple[str, int]:
        """A raw HTML block as it stands in the source (fenced code put back) and where it
        starts in the normalized text (-1 if not found). What the page holds, with each fenced
        block inside it blanked line for line, is kept for the "html" item."""
        raw = str(self.md.htmlStash.rawHtmlBlocks[index]).strip("\n")
        page = raw
        for i, (first, last) in enumerate(self.fences):
            placeholder = "\n" + util.HTML_PLACEHOLDER % i + "\n"
            if placeholder in raw:
                raw = raw.replace(placeholder, "\n".join(self.source[first - 1:last]))
                page = page.replace(placeholder, "\n" * (last - first))
        self.raw_page[index] = page
        return raw, self.text.find(raw, self.starts[min(self.cursor, len(self.starts) - 1)])

    def _line_at(self, offset: int) -> int:
        """0-based line index of an offset in the normalized text."""
        return bisect.bisect_right(self.starts, offset) - 1

    def _align_table(self, table: etree.Element) -> None:
        """A table is one block: header, separator and body rows on consecutive lines. A table
        without body rows gets an empty row of cells without text, on no line."""
        rows = [tr for tr in table.iter("tr") if any(cell.text is not None for cell in tr)]
        header = self.cursor
        for k, tr in enumerate(rows):
            if texts := [cell.text.strip() for cell in tr if (cell.text or "").strip()]:
                found = self._find(lambda source: all(text in source for text in texts))
                header = found - 1 - (k + 1 if k else 0)
                break
        for k, tr in enumerate(rows):
            line = header + (k + 1 if k else 0) + 1
            for cell in tr:
                self.where[(cell, "text")] = [line] * len(cell.text or "")
                self.lines[cell] = (line, line)
        self.cursor = max(self.cursor, header + len(rows) + 1)

    # -- inline patterns, as Python-Markdown's inline treeprocessor applies them -------------

    def _inline(self, el: etree.Element) -> None:
        """Inline patterns over `el`'s text, its children and their tails (new inline
        elements are complete when inserted and are not visited again)."""
        originals = list(el)
        if _needs_inline(el.text):
            el.text, nodes = self._expand(self._handle(el.text, self.where.get((el, "text")))[0])
            for k, node in enumerate(nodes):
                el.insert(k, node)
        for child in originals:
            self._inline(child)
            if _needs_inline(child.tail):
                child.tail, nodes = self._expand(
                    self._handle(child.tail, self.where.get((child, "tail")))[0])
                at = list(el).index(child) + 1
                for k, node in enumerate(nodes):
                    el.insert(at + k, node)

    def _handle(self, data: str, where: list[int] | None, index: int = 0) -> tuple[str, list[int]]:
        where = where if where is not None else [1] * len(data)
        start = 0
        while index < len(self.patterns):
            data, where, matched, start = self._apply(self.patterns[index], data, where, index, start)
            if not matched:
                index += 1
        return data, where

    def _apply(self, pattern, data: str, where: list[int], index: int, start: int):
        if not isinstance(pattern, markdown.inlinepatterns.InlineProcessor):
            return data, where, False, 0
        for m in pattern.getCompiledRegExp().finditer(data, start):
            node, begin, end = pattern.handleMatch(m, data)
            if begin is not None and end is not None:
                break
        else:
            return data, where, False, 0
        if node is None:
            return data, where, True, end
        line = where[begin] if begin < len(where) else (where[-1] if where else 1)
        if isinstance(node, str):
            if raw := util.HTML_PLACEHOLDER_RE.fullmatch(node):
                self.raw_line[int(raw.group(1))] = line
        else:
            self.lines[node] = (line, where[end - 1] if end - 1 < len(where) else line)
            if not isinstance(node.text, util.AtomicString):
                for child in [node, *node]:
                    if child.text:
                        child.text, _ = self._handle(child.text, _part(child.text, data, where, begin),
                                                     index + 1)
                    if child.tail:
                        child.tail, _ = self._handle(child.tail, _part(child.tail, data, where, begin),
                                                     index)
        placeholder = util.INLINE_PLACEHOLDER % f"{len(self.stash):04d}"
        self.stash[placeholder[len(util.INLINE_PLACEHOLDER_PREFIX):-1]] = node
        data = data[:begin] + placeholder + data[end:]
        where = where[:begin] + [line] * len(placeholder) + where[end:]
        return data, where, True, begin + len(placeholder)

    def _expand(self, data: str) -> tuple[str, list[etree.Element]]:
        """Placeholders back into elements: the leading text and the elements (each with
        its tail), as Python-Markdown's `__processPlaceholders` builds them."""
        lead: list[str] = []
        nodes: list[etree.Element] = []

        def add(text: str) -> None:
            if nodes:
                nodes[-1].tail = (nodes[-1].tail or "") + text
            else:
                lead.append(text)

        position = 0
        for m in util.INLINE_PLACEHOLDER_RE.finditer(data):
            node = self.stash.get(m.group(1))
            if node is None:
                continue
            add(data[position:m.start()])
            position = m.end()
            if isinstance(node, str):
                add(node)
                continue
            for child in [node, *node]:
                if child.tail and child.tail.strip():
                    child.tail, inner = self._expand(child.tail)
                    at = list(node).index(child) + 1 if child is not node else 0
                    for k, sub in enumerate(inner):
                        node.insert(at + k, sub)
                if child.text and child.text.strip():
                    child.text, inner = self._expand(child.text)
                    for k, sub in enumerate(inner):
                        child.insert(k, sub)
            nodes.append(node)
        add(data[position:])
        return "".join(lead), nodes

    # -- what the page holds ---------------------------------------------------------------

    def _collect(self, el: etree.Element, listed: dict[etree.Element, list[str]]) -> None:
        """Items in document order; `listed` names the attributes attribute lists set."""
        for child in el:
            first, last = self.lines.get(child, self.lines.get(el, (1, 1)))
            for name, value in child.attrib.items():
                value = "" if value is None else value
                if name in listed.get(child, ()):
                    self.items.append(Item(last, "attr", value, child.tag, name))
                for raw in util.HTML_PLACEHOLDER_RE.finditer(value):
                    self._raw(int(raw.group(1)), first)
            if child.tag == "img":
                self.items.append(Item(first, "img", _as_parsed(child.get("src") or "")))
            elif child.tag == "a":
                self.items.append(Item(first, "a", _as_parsed(child.get("href") or "")))
            self._raws(child.text, first)
            self._collect(child, listed)
            self._raws(child.tail, last)

    def _raws(self, text: str | None, line: int) -> None:
        for m in util.HTML_PLACEHOLDER_RE.finditer(text or ""):
            self._raw(int(m.group(1)), line)

    def _raw(self, index: int, line: int) -> None:
        if index >= self.first_raw:
            raw = self.raw_page.get(index, str(self.md.htmlStash.rawHtmlBlocks[index]))
            self.items.append(Item(self.raw_line.get(index, line), "html", raw))


def _needs_inline(text: str | None) -> bool:
    return bool(text) and not isinstance(text, util.AtomicString) and bool(_NEEDS_INLINE.search(text))


def _part(text: str, data: str, where: list[int], begin: int) -> list[int]:
    """Lines of `text`, a piece of `data` from `begin` on (an element's text)."""
    at = data.find(text, begin)
    if at < 0:
        return [where[begin] if begin < len(where) else 1] * len(text)
    return where[at:at + len(text)]
