"""Bundles built from real files, and their pages read with a real HTML parser."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import Root

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    """An element: its tag, attributes, children and text."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All the text inside, white space collapsed."""
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join("".join(parts).split()) if parts else ""

    def iter(self) -> Iterator[Node]:
        """This element and every element inside it."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Elements of ``tag`` whose attributes include ``attrs`` (class_ for class)."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        return [
            n
            for n in self.iter()
            if n.tag == tag
            and all(
                v in (n.attrs.get(k) or "").split() if k == "class" else n.attrs.get(k) == v
                for k, v in wanted.items()
            )
        ]

    def find(self, tag: str, **attrs: str) -> Node:
        """The first such element (the test fails when there is none)."""
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self.stack) - 1, 0, -1):
            if self.stack[n].tag == tag:
                del self.stack[n:]
                return
        raise AssertionError(f"</{tag}> closes nothing open")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(path: Path) -> Node:
    """A page as a tree; every element opened must be closed."""
    builder = _Builder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert [n.tag for n in builder.stack] == ["#document"], "unclosed elements"
    return builder.root


ZH = """\
title: 张江科学会堂举行论坛
date: 2023-04-03
category: conference-season
author: 陈宇
source: 上海交通大学新闻网
"""
EN = """\
title: Forum Held at Zhangjiang Science Hall
date: 2023-04-03
category: conference-season
author: Chen Yu
source: SJTU News
"""


@pytest.fixture
def site(root: Root) -> Root:
    """A content root with a full pair, a pair whose English is a draft, and a Chinese-only
    article, plus the sample's footer filing."""
    root.config(
        """\
        site:
          title: {zh: 上海交通大学新闻网, en: SJTU News}
          filing:
            text: 沪公网安备 31010402009841号
            url: http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31010402009841
        """
    )
    root.pair(
        "forum",
        "论坛在张江举行。\n\n## 平台发布\n\n平台正式发布。",
        "The forum was held.\n\n## Platform Launch\n\nThe platform was launched.",
        zh_meta=ZH,
        en_meta=EN,
    )
    root.pair(
        "open-day",
        "开放日将举行。",
        "The open day will be held.",
        zh_meta="title: 校园开放日\ndate: 2023-05-08\ncategory: campus-events\n",
        en_meta="title: Open Day\ndate: 2023-05-08\ncategory: campus-events\nstatus: draft\n",
    )
    root.pair(
        "lecture",
        "讲座举行。",
        None,
        zh_meta="title: 讲座\ndate: 2023-03-01\ncategory: campus-events\n",
    )
    return root


Build = Callable[..., tuple[int, str, str, Path]]


@pytest.fixture
def build(cli, tmp_path: Path) -> Build:
    """Run ``bilingual bundle`` on a root into a fresh folder: (code, out, err, folder)."""
    count = 0

    def run(root: Root, *args: str, out: Path | None = None) -> tuple[int, str, str, Path]:
        nonlocal count
        count += 1
        folder = out or tmp_path / f"bundle{count}"
        code, stdout, stderr = cli("bundle", "--root", root.path, "--out", folder, *args)
        return code, stdout, stderr, folder

    return run
