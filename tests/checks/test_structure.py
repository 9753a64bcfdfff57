"""S101 structure-mismatch."""

from __future__ import annotations

import re

from tests.conftest import REPO

ZH = """## 论坛概况

2023年4月2日，浦江创新论坛在张江科学会堂举行，七百余位嘉宾出席。

论坛发布了AI for Science科学数据开源平台，首期汇聚三十余个数据集。

详情请访问 https://news.sjtu.edu.cn 。
"""
EN = """## Overview

On April 2, 2023, the Pujiang Innovation Forum was held at Zhangjiang Science Hall, attended by
more than 700 guests.

The forum launched the AI for Science scientific data open-source platform, bringing together
more than 30 datasets in its first phase.

For details, visit https://news.sjtu.edu.cn.
"""


def test_parallel_pair_does_not_fire(root):
    root.pair("forum", ZH, EN)
    assert root.findings("forum", "structure-mismatch") == []


def test_missing_english_paragraph_fires_at_its_zh_line(root):
    en = re.sub(r"The forum launched.*?phase\.\n\n", "", EN, flags=re.S)
    root.pair("forum", ZH, en)
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.zh.line == 11 and finding.en is None
    assert finding.message == (
        "zh.md:11 (paragraph) has no counterpart in en.md (expected after en.md:10)"
    )


def test_extra_english_paragraph_fires_at_its_en_line(root):
    zh = ZH.replace("论坛发布了AI for Science科学数据开源平台，首期汇聚三十余个数据集。\n\n", "")
    root.pair("forum", zh, EN)
    (finding,) = root.findings("forum", "S101")
    assert finding.en.line == 12 and finding.zh is None
    assert "en.md:12 (paragraph) has no counterpart in zh.md" in finding.message


def test_heading_translated_as_paragraph_fires(root):
    root.pair("forum", ZH, EN.replace("## Overview", "Overview"))
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.message == "zh.md:7 is a heading but its counterpart en.md:7 is a paragraph"


def test_missing_list_item_fires(root):
    zh = "活动安排：\n\n- 上午：招生咨询\n- 下午：实验室参观\n- 全天：校园导览\n"
    en = "Program:\n\n- Morning: admissions advice\n- All day: campus tours\n"
    root.pair("open-day", zh, en)
    (finding,) = root.findings("open-day", "structure-mismatch")
    assert finding.zh.line == 9
    assert "(list item)" in finding.message


def test_paragraph_split_in_two_does_not_fire(root):
    en = EN.replace(
        " Forum was held at Zhangjiang Science Hall, attended by\nmore",
        " Forum was held at Zhangjiang Science Hall.\n\nIt was attended by more",
    )
    root.pair("forum", ZH, en)
    assert root.findings("forum", "structure-mismatch") == []


def test_missing_first_block_points_before_the_next_one(root):
    root.pair("forum", ZH, EN.replace("## Overview\n\n", ""))
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.message == (
        "zh.md:7 (heading) has no counterpart in en.md (expected before en.md:7)"
    )


def test_empty_body_is_one_finding(root):
    root.pair("forum", "## 论坛概况\n\n七百余位嘉宾出席。", "")
    (finding,) = root.findings("forum", "structure-mismatch")
    assert finding.message == (
        "en.md has no body: none of the 2 blocks of zh.md from line 7 has a counterpart"
    )
    assert finding.zh.line == 7


# --- From the real-pair corpus (tests/fixtures/real): differences that are not drift --------


def test_bold_list_item_against_a_heading_is_one_heading(root):
    root.pair(
        "a",
        "1. **混合云多集群管理**\n\n支持多集群应用交付。",
        "### Hybrid cloud and multi-cluster management\n\nIt delivers applications to many "
        "clusters.",
    )
    assert root.findings("a", "structure-mismatch") == []


def test_list_item_continued_in_a_paragraph_on_one_side(root):
    # "- **Title**" then the text on the next line is one item; with a blank line between
    # them, an item and a paragraph.
    root.pair(
        "a",
        "- **KubeVela v1.1 发布**\n"
        "随着企业上云进程的推进，混合云、分布式云等多元化基础设施逐渐成为常态。",
        "- **v1.1 release of KubeVela**\n\nAs more and more enterprises adopt the cloud, hybrid "
        "and distributed cloud will certainly become the norm.",
    )
    assert root.findings("a", "structure-mismatch") == []


def test_empty_heading_and_placeholder_item_are_not_blocks(root):
    root.pair("a", "正文一段。\n\n- ...", "### \n\nOne paragraph of text.")
    assert root.findings("a", "structure-mismatch") == []


def test_title_repeated_as_first_heading_on_one_side(root):
    root.pair("a", "# 论坛举行\n\n正文一段。", "One paragraph of text.")
    assert root.findings("a", "structure-mismatch") == []


def test_code_block_with_translated_comments_pairs(root):
    zh = "```yaml\n# 指定升级策略，先升级一个批次\nstrategy:\n  partition: 1  # 暂停发布\n```"
    en = (
        "```yaml\n# Set the update strategy: upgrade one batch first\nstrategy:\n"
        "  partition: 1  # pause the rollout\n```"
    )
    root.pair("a", "示例如下：\n\n" + zh, "Here is an example:\n\n" + en)
    assert root.findings("a", "structure-mismatch") == []


def test_paragraph_merged_and_condensed_into_its_neighbour(root):
    # The Chinese says the plugin and its library in two paragraphs; the English condenses
    # both into one, which carries every name and number of the first.
    root.pair(
        "a",
        "我们开发的是一款基于 highlight.js 的代码高亮插件，支持 190 种语言。\n\n"
        "我们在 Answer 的前端实现了主题切换，用户可以在后台选择喜欢的主题，"
        "插件会根据页面的明暗模式自动切换对应的样式，并且支持自定义配置。",
        "We built a code highlighting plugin on highlight.js for Answer, covering 190 languages, "
        "with themes chosen in the admin panel that follow the page's light or dark mode.",
    )
    assert root.findings("a", "structure-mismatch") == []


def test_blocks_unpaired_on_both_sides_make_one_passage():
    from bilingual.checks.structure import passages
    from bilingual.model import Bead, Block

    def block(line: int) -> Block:
        return Block("paragraph", f"text {line}", line, line)

    paired, alone_zh, alone_en, later = (
        Bead((block(1),), (block(1),)),
        Bead((block(3),), ()),
        Bead((), (block(3),)),
        Bead((block(5),), (block(5),)),
    )
    missing = Bead((block(7),), ())
    beads = (paired, alone_zh, alone_en, later, missing)
    found = passages(beads)
    assert found[id(alone_zh)] == found[id(alone_en)] == (alone_zh, alone_en)
    assert id(missing) not in found and id(paired) not in found


def test_passage_is_reported_once_with_both_ranges(cli):
    import json

    # KubeVela 1.2's release post: where the Chinese says, in two paragraphs, why an enterprise
    # builds its own platform on KubeVela (zh.md:119-121), the English says something else in
    # one (en.md:122); a reviewer judged the Chinese blocks really missing in the English.
    _, out, _ = cli(
        "check", "--root", REPO / "tests" / "fixtures" / "real", "--select", "S103",
        "--format", "json",
    )  # fmt: skip
    messages = {
        f["message"]
        for f in json.loads(out)["findings"]
        if f["article"] == "kubevela-2022-01-27-blog-1.2"
    }
    assert messages == {
        "zh.md:119-121 (2 blocks) and en.md:122 (1 block) do not translate each other block by "
        "block"
    }


def test_a_paragraph_and_its_list_folded_into_one_paragraph(root):
    # nacos-2.0.1-release (tests/fixtures/real): the Chinese introduces a list of two
    # releases; the English says both in one paragraph.
    root.pair(
        "a",
        "Nacos是阿里巴巴开源的服务发现与配置管理项目，本次同时发布两个版本：\n\n"
        "1. 发布2.0.1版本，主要致力于支持MCP-OVER-XDS协议，解决Nacos与Istio数据服务同步问题。\n"
        "1. 发布1.4.2版本，极大增强k8s环境中JRaft集群Leader选举的稳定性。",
        "Nacos is Alibaba's open source service discovery and configuration management "
        "project. The 2.0.1 version released is mainly dedicated to supporting the "
        "MCP-OVER-XDS protocol and making the JRaft election more stable.\n"
        "The 1.4.2 version released also greatly enhances the stability of JRaft Leader "
        "election.",
    )
    assert root.findings("a", "structure-mismatch") == []


def test_a_list_cut_in_the_middle_is_not_folded_into_a_paragraph(root):
    # Only a whole list folds into a paragraph: two items of four left over are missing.
    root.pair(
        "a",
        "新加入的 Maintainer 成员有四位，都来自社区。\n\n- 甲\n- 乙\n- 丙\n- 丁",
        "Four new Maintainers joined, all from the community.\n\n- A\n- B",
    )
    found = root.findings("a", "structure-mismatch")
    assert [f.code for f in found] == ["S101", "S101"]
    assert all(f.en is None and "(list item)" in f.message for f in found)


def test_a_dropped_paragraph_that_repeats_its_neighbours_sentence_is_reported(root):
    # From the generated benchmark corpus (bench/corpus, 2025-artificial-intelligence-04155):
    # both Chinese paragraphs carry the same stock sentences, which the neighbour's translation
    # renders; the second paragraph's translation was deleted, and the words of it that the
    # neighbour's translation renders are not its own.
    stock = "相关负责人表示，将继续加强与国内外高校和企业的合作。与会专家围绕"
    root.pair(
        "a",
        "## 人工智能研究进展\n\n"
        "项目总投资2.1亿元，建设面积达7.6万平方米。上海交通大学"
        + stock
        + "智慧医疗领域的前沿问题展开深入讨论，并就学科交叉与成果转化提出建议。7月11日，"
        "上海交通大学举办智慧医疗主题交流会，一百余位嘉宾出席。\n\n"
        "上海白玉兰开源开放研究院"
        + stock
        + "集成电路领域的前沿问题展开深入讨论，并就学科交叉与成果转化提出建议。\n\n"
        "## 人工智能研究进展",
        "## Progress in Artificial Intelligence\n\n"
        "The project has a total investment of RMB 210 million and covers 76,000 square "
        "meters. A representative of SJTU said it would keep strengthening cooperation with "
        "universities and companies in China and abroad. Experts discussed frontier questions "
        "in smart healthcare and made suggestions on interdisciplinary research and the "
        "transfer of results. On July 11, SJTU held a forum on smart healthcare, attended by "
        "more than 100 guests.\n\n"
        "## Progress in Artificial Intelligence",
    )
    (finding,) = root.findings("a", "structure-mismatch")
    assert finding.message.startswith("zh.md:11 (paragraph) has no counterpart in en.md")


def test_a_titled_list_item_made_a_section_is_one_structural_finding(root):
    # openkruise-2021-03-15-sidecarset-0.8.0 (tests/fixtures/real): a list item of a title and
    # its text becomes a heading and a paragraph; the words are all there, the structure
    # differs (as a reviewer judged the same change of the items before it).
    root.pair(
        "a",
        "- 环境变量共享 可以通过 transferEnv 从其它容器中获取环境变量，会把名为 "
        "sourceContainerName 容器中名为 envName 的环境变量拷贝到本sidecar容器。",
        "### Share environment variables\n\n"
        "Use transferEnv to obtain environment variables from other containers, which copies "
        "the environment variable named envName in the sourceContainerName container to the "
        "current Sidecar container.",
    )
    found = [f.message for f in root.findings("a", "structure-mismatch")]
    assert found == ["zh.md:7 is a list item but its counterpart en.md:7 is a heading"]


def test_a_much_longer_translation_in_place_pairs_on_what_it_names(root):
    # openkruise-2022-03-29-release-1.1 (tests/fixtures/real): the English explains the
    # policy at six times the length; the two items name the same policy and nothing else.
    root.pair(
        "a",
        "- `Retain`：默认策略，保留 PVC 对象。\n"
        "- `Delete`：当 Pod 删除时，自动删除它所关联的 PVC 对象。\n"
        "- `Keep`：保持不变。",
        "- `Retain`: the default policy keeps the PVC objects.\n"
        "- `Delete`: The PVCs created from the `volumeClaimTemplate` are deleted for each Pod "
        "affected by the policy. With the `whenDeleted` policy all PVCs from the "
        "`volumeClaimTemplate` are deleted after their Pods have been deleted. With the "
        "`whenScaled` policy, only PVCs corresponding to Pod replicas being scaled down are "
        "deleted, after their Pods have been deleted.\n"
        "- `Keep`: nothing changes.",
    )
    assert root.findings("a", "structure-mismatch", "passage-mismatch") == []


REAL = REPO / "tests" / "fixtures" / "real" / "articles"


def _real_body(slug: str, lang: str) -> str:
    """The body of a pair of tests/fixtures/real (front matter left out)."""
    text = (REAL / slug / f"{lang}.md").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def test_a_sentence_left_untranslated_inside_a_paragraph_is_partial(root):
    # kubevela-2022-03-27-kubevela-with-nocalhost (Apache-2.0): the English of the VelaUX
    # paragraph renders its first sentence and leaves out the one about triggers.
    slug = "kubevela-2022-03-27-kubevela-with-nocalhost"
    root.pair("nocalhost", _real_body(slug, "zh"), _real_body(slug, "en"))
    (finding,) = root.findings("nocalhost", "partial-translation")
    assert finding.code == "S104" and finding.severity == "warning"
    assert "87 Chinese characters" in finding.message and "render zh.md" not in finding.message
    assert finding.message.startswith("en.md:") and "renders zh.md:" in finding.message
    zh_lines = (root.path / "articles" / "nocalhost" / "zh.md").read_text("utf-8").splitlines()
    assert zh_lines[finding.zh.line - 1].startswith("KubeVela 提供了 VelaUX 功能")


def test_the_whole_paragraph_translated_is_not_partial(root):
    slug = "kubevela-2022-03-27-kubevela-with-nocalhost"
    en = _real_body(slug, "en").replace(
        "making the process of application easier.",
        "making the process of assembling, distributing and delivering applications easier. "
        "In the UX, you can not only follow the state of the whole delivery chain on its "
        "pages, but also configure triggers so that an application is updated whenever its "
        "artifact repository is.",
    )
    root.pair("nocalhost", _real_body(slug, "zh"), en)
    assert root.findings("nocalhost", "partial-translation") == []


def test_an_article_with_few_paragraph_pairs_has_no_usual_measure(root):
    zh = (
        "论坛由上海市科学技术委员会和上海交通大学共同主办，七百余位嘉宾出席，"
        "首期汇聚三十余个高质量科学数据集。\n"
    )
    root.pair("short", zh, "The forum was co-sponsored by SJTU.\n")
    assert root.findings("short", "partial-translation") == []


def test_a_dropped_paragraph_whose_numbers_its_neighbour_lacks_is_reported(root):
    # answer-apache-answer-coc-asia-2024 (Apache-2.0) with the Chinese paragraph of the
    # conference's figures (1 main forum, 15 sub-forums, over 150 experts) deleted: by length
    # alone the English of those figures would join the next paragraph's translation, though
    # that paragraph names none of them.
    slug = "answer-apache-answer-coc-asia-2024"
    zh = _real_body(slug, "zh")
    figures = next(p for p in zh.split("\n\n") if p.startswith("此次会议共设有"))
    root.pair("coc", zh.replace(figures + "\n\n", ""), _real_body(slug, "en"))
    en_lines = (root.path / "articles" / "coc" / "en.md").read_text("utf-8").splitlines()
    missing = [en_lines[f.en.line - 1] for f in root.findings("coc", "S101") if f.zh is None]
    assert sum(line.startswith("This year, the event features") for line in missing) == 1
    assert root.findings("coc", "number-mismatch") == []
