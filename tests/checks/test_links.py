"""L101 link-mismatch."""

from __future__ import annotations

import pytest

from bilingual.config import ChecksConfig, Config

ZH = "报名请访问[招生网](https://zsb.sjtu.edu.cn/)，或发邮件至 news@sjtu.edu.cn 。"


@pytest.mark.parametrize(
    ("en", "only_zh", "only_en"),
    [
        (
            "Register at the [admissions site](https://zsb.sjtu.edu.cn/) or write to "
            "new@sjtu.edu.cn.",
            "news@sjtu.edu.cn",
            "new@sjtu.edu.cn",
        ),
        (
            "Register at the [admissions site](https://zsb.sjtu.edu.cn/apply) or write to "
            "news@sjtu.edu.cn.",
            "https://zsb.sjtu.edu.cn/",
            "https://zsb.sjtu.edu.cn/apply",
        ),
        (
            "Register at the admissions site or write to news@sjtu.edu.cn.",
            "https://zsb.sjtu.edu.cn/",
            None,
        ),
    ],
)
def test_differing_links_fire(root, en, only_zh, only_en):
    root.pair("open-day", ZH, en)
    (finding,) = root.findings("open-day", "link-mismatch")
    assert finding.severity == "warning"
    assert finding.zh.line == 7 and finding.en.line == 7
    assert f"only in zh.md: {only_zh}" in finding.message
    if only_en:
        assert f"only in en.md: {only_en}" in finding.message
    else:
        assert "only in en.md" not in finding.message


@pytest.mark.parametrize(
    "en",
    [
        "Register at the [admissions site](https://zsb.sjtu.edu.cn/) or write to news@sjtu.edu.cn.",
        "Register at the [admissions site](http://ZSB.sjtu.edu.cn) or write to <NEWS@sjtu.edu.cn>.",
        "Write to [us](mailto:news@sjtu.edu.cn) or register at https://zsb.sjtu.edu.cn.",
    ],
)
def test_equivalent_links_do_not_fire(root, en):
    root.pair("open-day", ZH, en)
    assert root.findings("open-day", "link-mismatch") == []


def test_image_targets_are_compared(root):
    root.pair("poster", "![海报](poster-2023.png)", "![Poster](poster-2022.png)")
    (finding,) = root.findings("poster", "link-mismatch")
    assert "poster-2023.png" in finding.message


#: The same resource in each language, as real translations link it (tests/fixtures/real).
LOCALISED = [
    ("[文档](https://zsb.sjtu.edu.cn/)", "[docs](https://zsb.sjtu.edu.cn/en)"),
    ("[文档](/zh/docs/install/)", "[docs](/docs/install/)"),
    ("[文档](https://kubernetes.io/zh-cn/docs/a)", "[docs](https://kubernetes.io/docs/a)"),
    ("[维基](https://zh.wikipedia.org/wiki/X)", "[wiki](https://en.wikipedia.org/wiki/X)"),
    ("![图](xiaohongshu-4.png)", "![fig](xiaohongshu-en4.png)"),
    ("![图](poster-zh.png)", "![fig](poster.png)"),
    ("![图](./images/a.png)", "![fig](images/a.png)"),
    ("![图](../../images/a.png)", "![fig](../images/a.png)"),
    ("见[上文](#安装步骤)。", "See [above](#installation)."),
    ("见[文档](/docs/a#安装)。", "See [the docs](/docs/a#install)."),
    ("[站点](https://x.org/a?lang=zh)", "[site](https://x.org/a?lang=en)"),
    # The Chinese mirror on another top-level domain, and the docs' "next" version.
    (
        "[文档](https://kubevela.net/zh/docs/install)",
        "[docs](https://kubevela.io/docs/next/install)",
    ),
    # A root-relative link on one side, the same page absolute on the other.
    (
        "[文档](https://openkruise.io/docs/user-manuals/cloneset)",
        "[docs](/docs/user-manuals/cloneset)",
    ),
    # A site generator's hashed copy of an image.
    (
        "![架构](https://kubevela.net/assets/images/arch-e41b1e4a82948bc3.jpg)",
        "![arch](/img/release-1.4/arch.jpg)",
    ),
]


def test_code_host_owner_and_repository_in_any_case_are_one_resource(root):
    # kubevela-2022-04-01-offline-deployment-practice (tests/fixtures/real).
    root.pair(
        "a",
        "下载 [源码](https://github.com/kubevela/kubevela/releases)。",
        "Download [the code](https://github.com/kubevela/KubeVela/releases).",
    )
    assert root.findings("a", "link-mismatch") == []
    # Beyond owner and repository, GitHub paths are case-sensitive (branches, files).
    root.pair(
        "b",
        "见 [说明](https://github.com/a/b/blob/main/README.md)。",
        "See [the notes](https://github.com/a/b/blob/main/readme.md).",
    )
    assert len(root.findings("b", "link-mismatch")) == 1


@pytest.mark.parametrize(("zh", "en"), LOCALISED)
def test_localised_links_are_one_resource(root, zh, en):
    root.pair("a", zh, en)
    assert root.findings("a", "link-mismatch") == []


@pytest.mark.parametrize(("zh", "en"), LOCALISED[:5])
def test_localised_links_compared_as_written_when_configured(root, zh, en):
    root.pair("a", zh, en)
    config = Config(checks=ChecksConfig(links_localized=False))
    (finding,) = root.findings("a", "link-mismatch", config=config)
    assert "links differ" in finding.message


def test_fragments_compared_when_configured(root):
    root.pair("a", LOCALISED[8][0], LOCALISED[8][1])
    config = Config(checks=ChecksConfig(links_fragments=True))
    (finding,) = root.findings("a", "link-mismatch", config=config)
    assert "#installation" in finding.message


def test_inline_ignore_comment_suppresses(root):
    en = (
        "<!-- bilingual-ignore: link-mismatch -->\n"
        "Register at the [admissions site](https://zsb.sjtu.edu.cn/en) or write to "
        "news@sjtu.edu.cn."
    )
    root.pair("open-day", ZH, en)
    assert root.findings("open-day", "link-mismatch") == []


def test_links_written_against_chinese_text_are_read_whole(root):
    root.pair(
        "contact",
        "请发送邮件至news@sjtu.edu.cn咨询，或访问https://www.sjtu.edu.cn了解更多。",
        "Write to news@sjtu.edu.cn or visit https://www.sjtu.edu.cn for more.",
    )
    assert root.findings("contact", "link-mismatch") == []


def _same_site_by_scan(zh, en):
    """The pairing of root-relative and absolute links as first written: every key of one side
    against every key of the other (quadratic)."""
    from bilingual.checks.links import _path

    for key in list(zh):
        relative = not key.startswith("//")
        for other in list(en):
            crossing = relative != (not other.startswith("//"))
            if zh[key] and en[other] and crossing and _path(key) == _path(other):
                zh[key] -= 1
                en[other] -= 1
    for counter in (zh, en):
        for key in [k for k, n in counter.items() if n <= 0]:
            del counter[key]


def test_relative_and_absolute_links_paired_as_by_a_scan():
    import random
    from collections import Counter

    from bilingual.checks.links import _same_site

    rnd = random.Random(11)
    keys = ["/docs/a", "//x.io/docs/a", "//y.io/docs/a", "/docs/b", "//x.io/docs/b",
            "/img/p.png", "//x.io/assets/p.png", "/p.png", "//x.io/docs/a/"]  # fmt: skip
    for _ in range(3000):
        zh = Counter({k: rnd.randrange(1, 4) for k in rnd.sample(keys, rnd.randrange(5))})
        en = Counter({k: rnd.randrange(1, 4) for k in rnd.sample(keys, rnd.randrange(5))})
        want_zh, want_en = Counter(zh), Counter(en)
        _same_site_by_scan(want_zh, want_en)
        _same_site(zh, en)
        assert (list(zh.items()), list(en.items())) == (
            list(want_zh.items()),
            list(want_en.items()),
        )
