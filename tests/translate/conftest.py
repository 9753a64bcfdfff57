"""A content root whose bilingual.yaml points LibreTranslate at the test server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.translate.server import Service

GLOSSARY = """\
terms:
  - zh: 上海交通大学
    en: Shanghai Jiao Tong University
    variants: [SJTU]
    forbidden: [Shanghai Jiaotong University]
  - zh: 浦江创新论坛
    en: Pujiang Innovation Forum
    forbidden: [Pujiang Forum on Innovation]
"""


@pytest.fixture
def service() -> Iterator[Service]:
    """The fake service, closed after the test."""
    server = Service()
    yield server
    server.close()


def configure(root, service: Service, extra: str = "", provider: str = "libre") -> None:
    """bilingual.yaml with the test server as ``provider``'s address and quick retries."""
    root.config(
        f"""\
        translate:
          provider: {provider}
          timeout: 2
          retries: 2
          backoff: 0
          providers:
            {provider}:
              base_url: {service.url}
        {extra}"""
    )
    root.raw("glossary.yaml", GLOSSARY)


@pytest.fixture
def site(root, service: Service):
    """The ``root`` fixture, configured for the fake service, with a glossary."""
    configure(root, service)
    return root
