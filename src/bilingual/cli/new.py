"""``bilingual new``: scaffold an article's two sides."""

from typing import Annotated

import typer

from bilingual.cli.common import RootOption, errors_handled, load, write


def new(
    ctx: typer.Context,
    slug: Annotated[
        str,
        typer.Argument(
            metavar="SLUG",
            help="The article's folder name: lower-case letters and digits "
            "joined by hyphens or dots (2023-pujiang-innovation-forum).",
        ),
    ],
    title_zh: Annotated[str, typer.Option("--title-zh", metavar="TEXT", help="The Chinese title.")],
    title_en: Annotated[str, typer.Option("--title-en", metavar="TEXT", help="The English title.")],
    category: Annotated[
        str,
        typer.Option("--category", "-c", metavar="KEY", help="A key such as conference-season."),
    ],
    author: Annotated[
        str | None, typer.Option("--author", metavar="TEXT", help="The byline, on both sides.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The date, ISO (2023-04-02). Default: today.",
            show_default=False,
        ),
    ] = None,
    original: Annotated[
        str | None,
        typer.Option(
            "--original",
            metavar="zh|en",
            help="The side the article is written in. Default: bilingual.yaml's original, else zh.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Scaffold a new article: articles/SLUG/zh.md and en.md, both drafts.

    Writes each side's front matter (title, date, category, author, status: draft, original)
    and an empty body. The translation records the original's digest (translated_from), so the
    article starts in sync; once the original is written, 'bilingual status' shows the
    translation as stale until it is translated and synced. Refuses a slug check would reject,
    an article that exists (nothing is written then) and front matter check would report; the
    two files are written together or not at all.

    Examples:

    \b
      bilingual new 2023-campus-open-day --title-zh 校园开放日 --title-en "Campus Open Day" \\
        --category campus-events
      bilingual new volcano-v1.14.0-release --original en --date 2023-06-01 \\
        --title-en "Volcano v1.14.0" --title-zh "Volcano v1.14.0 发布" --category release

    Exit codes: 0 created; 2 a bad slug, date or category, an article that exists, invalid
    bilingual.yaml, or files that cannot be written.
    """
    with errors_handled(ctx):
        from bilingual.scaffold import NewArticle, create, parse_day

        content_root, config = load(root)
        article = NewArticle(
            slug=slug,
            titles={"zh": title_zh, "en": title_en},
            category=category,
            date=parse_day(date),
            original=original or config.original,
            author=author,
        )
        pair = create(content_root, article, config)
        translation = "en" if article.original == "zh" else "zh"
        write(
            f"created {pair.path(article.original)} (the original) and "
            f"{pair.path(translation)} (its translation), both drafts\n"
            f"next: write {article.original}.md, translate it into {translation}.md; "
            f"'bilingual status' lists the article, 'bilingual check {pair.folder}' checks it\n"
        )
