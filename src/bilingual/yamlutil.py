"""YAML errors as one line and a line number, for every file the tool reads."""

from __future__ import annotations

import yaml


def yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[str, int | None]:
    """A one-line description of a YAML error and the 1-based line it is on (in the YAML text).

    For an unclosed bracket or quote, or a key without its colon, the parser notices only on a
    later line; the line where the construct started is the one to fix.
    """
    if isinstance(exc, yaml.MarkedYAMLError):
        context = exc.context or ""
        use_context = exc.context_mark is not None and (
            "simple key" in context or "flow" in context or "quoted" in context
        )
        mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
        problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
        return problem, (mark.line + 1 if mark else None)
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        return f"character {chr(exc.character)!r} is not allowed in YAML", line
    return " ".join(str(exc).split()), None


def duplicate_key(node: yaml.Node | None, prefix: str = "") -> tuple[str, int, int] | None:
    """The first key given twice in one mapping of ``node`` (a composed document), with the
    1-based lines of both: YAML forbids it, and a loader keeps the last silently, so that a
    second ``site:`` section would hide the first."""
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found = duplicate_key(item, f"{prefix}{i}.")
            if found:
                return found
    if not isinstance(node, yaml.MappingNode):
        return None
    seen: dict[str, int] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            line = key.start_mark.line + 1
            if key.value in seen:
                return f"{prefix}{key.value}", seen[key.value], line
            seen[key.value] = line
            found = duplicate_key(value, f"{prefix}{key.value}.")
            if found:
                return found
    return None
