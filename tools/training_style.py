"""Shared layout of the training forms (様式4-2, 5, 6-2): one page per facility that has `training:`."""

from __future__ import annotations

from templatekit import p, page_break, title


def facility_pages_start(doc, form_number: str, form_title: str) -> None:
    """Open the per-facility loop and print the form's head (様式番号, 提出日, title, facility)."""
    p(doc, "{%p for f in facilities if f.training %}")
    p(doc, "{%p if not loop.first %}")
    page_break(doc)
    p(doc, "{%p endif %}")
    p(doc, form_number, size=9)
    p(doc, "提出日: {{ f.training.submission_date|seireki }}", align="right")
    title(doc, form_title, space_after=2)
    p(doc, "受入れ施設名: {{ f.name }}", align="center", space_after=4)


def facility_pages_end(doc) -> None:
    p(doc, "{%p endfor %}")
