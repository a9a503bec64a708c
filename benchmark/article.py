"""Turn an article (plain text, Markdown or HTML) into its body paragraphs, without headings or boilerplate."""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP_TAGS = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "figcaption",
    "button",
    "svg",
    "template",
    "iframe",
    "select",
    "label",
    "menu",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
BLOCK_TAGS = {"p", "li", "blockquote", "div", "section", "article", "main", "td", "dd", "pre", "br", "tr"}
BOILERPLATE = re.compile(
    r"\b(cookies?|subscribe|sign up|newsletter|all rights reserved|share (?:this|on)|"
    r"advertisement|read more|related articles?|follow us|privacy policy|terms of (?:use|service)|"
    r"click here|log ?in|comments? \(\d+\))\b",
    re.I,
)
MIN_WORDS = 6


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []  # (inside article/main, text)
        self._buf: list[str] = []
        self._skip = 0
        self._heading = 0
        self._main = 0
        self._saw_main = False

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buf)).strip()
        if text:
            self.blocks.append((self._main > 0, text))
        self._buf = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag in HEADING_TAGS:
            self._flush()
            self._heading += 1
        elif tag in ("article", "main"):
            self._flush()
            self._main += 1
            self._saw_main = True
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in HEADING_TAGS:
            self._buf = []
            self._heading = max(0, self._heading - 1)
        elif tag in ("article", "main"):
            self._flush()
            self._main = max(0, self._main - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self._skip and not self._heading:
            self._buf.append(data)


def from_html(html: str) -> list[str]:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    parser._flush()
    blocks = [t for inside, t in parser.blocks if inside or not parser._saw_main]
    return [b for b in blocks if _is_body(b)]


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


def from_markdown(text: str) -> list[str]:
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [
            ln
            for ln in block.strip().splitlines()
            if not re.match(r"^\s*(#{1,6}\s|={3,}\s*$|-{3,}\s*$|\*{3,}\s*$|!\[|<!--|```)", ln)
        ]
        if not lines:
            continue
        para = " ".join(re.sub(r"^\s*(>\s?)+", "", ln).strip() for ln in lines)
        para = _MD_EMPH.sub(r"\2", _MD_LINK.sub(r"\1", para))
        para = re.sub(r"\s+", " ", para).strip()
        if _is_body(para):
            out.append(para)
    return out


def from_text(text: str) -> list[str]:
    blocks = re.split(r"\n\s*\n", text.strip()) if re.search(r"\n\s*\n", text) else text.strip().splitlines()
    return [p for p in (re.sub(r"\s+", " ", b).strip() for b in blocks) if _is_body(p)]


def _is_body(paragraph: str) -> bool:
    words = paragraph.split()
    if len(words) < MIN_WORDS:
        return False  # headings, bylines, captions and buttons are short
    return not (len(words) < 25 and BOILERPLATE.search(paragraph))


def detect_kind(text: str, name: str = "") -> str:
    lower = name.lower()
    if lower.endswith((".html", ".htm")) or re.search(r"<(html|body|p|div|article)\b", text[:5000], re.I):
        return "html"
    if lower.endswith((".md", ".markdown")) or re.search(r"^#{1,6}\s", text, re.M):
        return "markdown"
    return "text"


def paragraphs(text: str, name: str = "", kind: str | None = None) -> list[str]:
    kind = kind or detect_kind(text, name)
    return {"html": from_html, "markdown": from_markdown, "text": from_text}[kind](text)
