"""The charts: well-formed SVG with titles and labels, the heatmap, the bars."""

from __future__ import annotations

import re
from datetime import date

from test_sitegen import SVG_NS, TODAY, stats_md, svgs

from abcnet.web.pages import (
    hbars,
    heat_level,
    heat_ranges,
)


def test_every_chart_is_well_formed_labelled_and_out_of_search():
    md = stats_md()
    charts = svgs(md)
    assert len(charts) == 9
    for svg in charts:
        assert svg.get("role") == "img"
        label = svg.get("aria-label")
        assert label
        first = next(iter(svg))
        assert first.tag == f"{SVG_NS}title"
        assert first.text == label
    # Each chart sits inside a figure that the search index skips.
    figures = re.findall(r"<figure[^>]*>\s*<svg", md)
    assert len(figures) == 9
    assert all("data-search-exclude" in f for f in figures)
    kinds = [svg.get("class") for svg in charts]
    assert kinds.count("abc-svg abc-heatmap") == 1


def test_the_heatmap_has_a_square_per_day_month_labels_and_a_legend():
    md = stats_md()
    heat = next(s for s in svgs(md) if "abc-heatmap" in (s.get("class") or ""))
    rects = heat.findall(f"{SVG_NS}rect")
    days = (TODAY - date(2025, 11, 24)).days + 1
    assert len(rects) == days + 5  # the days, then the legend
    tips = [r.find(f"{SVG_NS}title").text for r in rects]  # type: ignore[union-attr]
    assert tips[0] == "24 Nov 2025: 0 touches"
    assert tips[(date(2026, 4, 2) - date(2025, 11, 24)).days] == "2 Apr 2026: 2 touches"
    assert tips[days - 1] == "25 Nov 2026: 0 touches"
    assert tips[days:] == ["0 a day", "1 a day", "2–3 a day", "4–5 a day", "6 or more a day"]
    assert [r.get("class") for r in rects[days:]] == [f"abc-h{i}" for i in range(5)]
    labels = [t.text for t in heat.findall(f"{SVG_NS}text")]
    assert labels[:3] == ["Mon", "Wed", "Fri"]
    assert labels[3:15] == [
        "Dec",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
    ]
    assert labels[-2:] == ["Less", "More"]


def test_heat_levels_follow_the_quota():
    assert [heat_level(n, 2) for n in range(8)] == [0, 1, 2, 2, 3, 3, 4, 4]
    assert [heat_level(n, 1) for n in range(5)] == [0, 2, 3, 4, 4]
    assert heat_ranges(2) == ("0", "1", "2–3", "4–5", "6 or more")
    assert heat_ranges(1) == ("0", "(not used)", "1", "2", "3 or more")


def test_bars_exactly():
    assert hbars([("a", [1]), ("bb", [2])], [("n", "abc-c1")], "Two bars") == (
        '<svg xmlns="http://www.w3.org/2000/svg" class="abc-svg abc-bars" viewBox="0 0 400 54" '
        'width="400" height="54" role="img" aria-label="Two bars"><title>Two bars</title>'
        '<text x="20" y="15" class="abc-t" text-anchor="end" fill="#666666">a</text>'
        '<rect x="26" y="5" width="165" height="12" class="abc-c1" fill="#0072b2">'
        "<title>a: 1</title></rect>"
        '<text x="196" y="15" class="abc-t" text-anchor="start" fill="#666666">1</text>'
        '<text x="20" y="39" class="abc-t" text-anchor="end" fill="#666666">bb</text>'
        '<rect x="26" y="29" width="330" height="12" class="abc-c1" fill="#0072b2">'
        "<title>bb: 2</title></rect>"
        '<text x="361" y="39" class="abc-t" text-anchor="start" fill="#666666">2</text></svg>'
    )
