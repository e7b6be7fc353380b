"""The charts: well-formed SVG with titles and labels, the heatmap, the bars; readable on
a phone (text size, scroll regions that open on the latest weeks) and in both colour
schemes (contrast computed from the values in abc.css)."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

from test_sitegen import SVG_NS, TODAY, stats_md, svgs

from abcnet.web.pages import (
    hbars,
    heat_level,
    heat_ranges,
)
from abcnet.web.svg import NARROW, TEXT_PX, columns, heat_legend, heatmap, line_chart

CSS = (Path(__file__).resolve().parent.parent / "site" / "assets" / "abc.css").read_text("utf-8")
#: The width Material leaves for content on a 390-pixel phone (measured in Chromium).
PHONE_CONTENT = 358


def test_every_chart_is_well_formed_labelled_and_out_of_search():
    md = stats_md()
    charts = svgs(md)
    kinds = [svg.get("class") for svg in charts]
    assert kinds.count("abc-svg abc-heatmap") == 1
    assert kinds.count("abc-svg abc-heat-legend") == 1
    assert len(charts) >= 9
    for svg in charts:
        assert svg.get("role") == "img"
        label = svg.get("aria-label")
        assert label
        first = next(iter(svg))
        assert first.tag == f"{SVG_NS}title"
        assert first.text == label
    # Each chart sits inside a figure that the search index skips, beside its table.
    figures = re.findall(r"<figure[^>]*>\s*<(?:svg|div class=\"abc-scroll\")", md)
    assert len(figures) == len(charts) - 1  # the legend shares the heatmap's figure
    assert all("data-search-exclude" in f for f in figures)
    assert md.count('<div class="abc-table" markdown>') >= len(figures)


def test_every_chart_with_axes_names_its_values():
    col = columns([("a", [1]), ("b", [2])], [("n", "abc-c1")], "Cols")
    assert (
        '<text x="2" y="15" class="abc-t abc-axis" text-anchor="start" fill="#666666">touches'
        in col
    )
    two = columns([("a", [1, 2])], [("mine", "abc-c1"), ("theirs", "abc-c2")], "Two")
    assert ">touches</text>" in two and ">mine</text>" in two and ">theirs</text>" in two
    line = line_chart([(date(2026, 1, 1), 50.0), (date(2026, 2, 1), 75.0)], "Cover")
    assert ">per cent</text>" in line and ">Feb</text>" in line and ">100%</text>" in line


def _days(start: date, n: int) -> list[int]:
    return [(i * 7) % 5 for i in range(n)]


def test_the_heatmap_has_a_square_per_day_month_labels_and_a_legend_outside_the_scroll():
    md = stats_md()
    heat = next(s for s in svgs(md) if "abc-heatmap" in (s.get("class") or ""))
    rects = heat.findall(f"{SVG_NS}rect")
    days = (TODAY - date(2025, 11, 24)).days + 1
    assert len(rects) == days  # the days only: the legend is a chart of its own
    tips = [r.find(f"{SVG_NS}title").text for r in rects]  # type: ignore[union-attr]
    assert tips[0] == "24 Nov 2025: 0 touches"
    assert tips[(date(2026, 4, 2) - date(2025, 11, 24)).days] == "2 Apr 2026: 2 touches"
    assert tips[days - 1] == "25 Nov 2026: 0 touches"
    labels = [t.text for t in heat.findall(f"{SVG_NS}text")]
    months = ["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    assert labels == ["Mon", "Wed", "Fri", *months]
    legend = next(s for s in svgs(md) if "abc-heat-legend" in (s.get("class") or ""))
    swatches = legend.findall(f"{SVG_NS}rect")
    assert [r.find(f"{SVG_NS}title").text for r in swatches] == [  # type: ignore[union-attr]
        "0 a day",
        "1 a day",
        "2–3 a day",
        "4–5 a day",
        "6 or more a day",
    ]
    assert [r.get("class") for r in swatches] == [f"abc-h{i}" for i in range(5)]
    assert [t.text for t in legend.findall(f"{SVG_NS}text")] == [
        "touches a day:",
        "0",
        "1",
        "2–3",
        "4–5",
        "6 or more",
    ]
    # Scheme-neutral words: in the dark scheme more touches are lighter.
    assert legend.get("aria-label") == (
        "Legend: from the faintest colour to the strongest, 0, 1, 2–3, 4–5 and 6 or more "
        "touches a day"
    )
    assert not re.search(r"dark|light", heatmap(date(2025, 11, 24), [1] * 9, 2, "H"))


def test_a_wide_chart_scrolls_opening_on_the_latest_weeks_and_the_legend_stays_outside():
    out = heatmap(date(2025, 11, 24), _days(date(2025, 11, 24), 367), 2, "Touches per day")
    region, legend = re.fullmatch(r"(<div [^>]*>)<svg .*?</svg></div>(<svg .*</svg>)", out).groups()  # type: ignore[union-attr]
    assert region == (
        '<div class="abc-scroll" tabindex="0" role="region" aria-label="Touches per day '
        '(scrolls sideways; opens on the latest weeks)">'
    )
    assert 'class="abc-svg abc-heat-legend"' in legend
    # The stylesheet opens the region on its right end: the latest weeks, the newest day
    # being the last square drawn.
    rule = re.search(r"\.md-typeset \.abc-scroll \{([^}]*)\}", CSS)
    assert rule and "direction: rtl" in rule.group(1) and "overflow-x: auto" in rule.group(1)
    assert re.search(r"\.abc-scroll > svg \{[^}]*direction: ltr", CSS)
    weeks = columns([("", [1])] * 52, [("t", "abc-c1")], "Weeks", width=680, height=160)
    assert weeks.startswith('<div class="abc-scroll" tabindex="0" role="region"')
    narrow = columns([("", [1])] * 12, [("t", "abc-c1")], "Months")
    assert narrow.startswith("<svg")


def _rendered_width(svg: str) -> float:
    """How wide a chart is drawn in the phone's content column: its own width, shrunk to
    fit (max-width: 100%), but never below its min-width (then it scrolls)."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    least = re.search(r'style="min-width:(\d+)px"', svg)
    return max(float(least.group(1)) if least else 0.0, min(width, PHONE_CONTENT))


def test_no_chart_text_is_smaller_than_11_pixels_on_a_phone():
    assert re.search(r"\.abc-svg text,\n\.abc-svg \.abc-t \{[^}]*font-size: 12px", CSS)
    assert TEXT_PX == 12 and NARROW <= PHONE_CONTENT + 2
    md = stats_md()
    charts = re.findall(r"<svg\b.*?</svg>", md, flags=re.S)
    assert charts
    for svg in charts:
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
        effective = TEXT_PX * _rendered_width(svg) / width
        assert effective >= 11, (svg[:120], effective)
    # The heatmap keeps its squares whole: at least 11 / 12 of its width.
    heat = next(s for s in charts if "abc-heatmap" in s)
    assert _rendered_width(heat) > PHONE_CONTENT


# --- colours ----------------------------------------------------------------------------------


def _scheme(selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r" \{(.*?)\}", CSS, flags=re.S)
    assert block, selector
    return dict(re.findall(r"--(abc-[\w-]+): (#[0-9a-f]{6});", block.group(1)))


def _luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


SCHEMES = (':root,\n[data-md-color-scheme="default"]', '[data-md-color-scheme="slate"]')


def test_both_schemes_set_every_colour_and_the_backgrounds_are_materials():
    light, dark = (_scheme(s) for s in SCHEMES)
    assert set(light) == set(dark) >= {f"abc-h{i}" for i in range(5)} | {"abc-muted", "abc-bg"}
    # Material's page backgrounds: white, and slate's hsl(225deg 15% 14%).
    assert (light["abc-bg"], dark["abc-bg"]) == ("#ffffff", "#1e2129")


def test_an_empty_day_and_a_one_touch_day_are_3_to_1_apart_in_both_schemes():
    for selector in SCHEMES:
        c = _scheme(selector)
        ramp = [c[f"abc-h{i}"] for i in range(5)]
        assert contrast(ramp[0], ramp[1]) >= 3, selector
        assert contrast(ramp[1], c["abc-bg"]) >= 3, selector  # a touched day stands out
        assert contrast(ramp[0], c["abc-bg"]) > 1.1, selector  # an empty day is still a square
        # Each further level differs visibly from the one before, and the order of
        # strength is the same as the distance from the background.
        assert all(contrast(a, b) >= 1.4 for a, b in itertools.pairwise(ramp[1:])), selector
        away = [contrast(x, c["abc-bg"]) for x in ramp]
        assert away == sorted(away), selector


def test_abcs_own_text_meets_aa_in_both_schemes():
    for selector in SCHEMES:
        c = _scheme(selector)
        assert contrast(c["abc-muted"], c["abc-bg"]) >= 4.5, selector
        assert contrast(c["abc-late-fg"], c["abc-late-bg"]) >= 4.5, selector
        assert contrast(c["abc-late-fg"], c["abc-bg"]) >= 4.5, selector
    # Chart text and the card captions use the checked colour, not Material's lighter one.
    assert re.search(r"\.abc-svg \.abc-t \{\s*fill: var\(--abc-muted\)", CSS)
    assert ".md-typeset .abc-what { font-size: 0.8em; color: var(--abc-muted); }" in CSS


def test_links_in_running_text_are_underlined():
    assert re.search(
        r"\.md-typeset :is\(p, li, td, th, dd, blockquote\) "
        r"a:not\(\.md-button, \.headerlink, \.abc-action\) "
        r"\{\s*text-decoration: underline;",
        CSS,
    )


def test_lists_become_cards_on_a_phone():
    phone = CSS[CSS.index("@media screen and (max-width: 37.49em)") :]
    assert "table.abc-list :is(thead, tbody, tr, th, td)" in phone
    assert "content: attr(data-label);" in phone


def test_heat_levels_follow_the_quota():
    assert [heat_level(n, 2) for n in range(8)] == [0, 1, 2, 2, 3, 3, 4, 4]
    assert [heat_level(n, 1) for n in range(5)] == [0, 2, 3, 4, 4]
    assert heat_ranges(2) == ("0", "1", "2–3", "4–5", "6 or more")
    assert heat_ranges(1) == ("0", "(not used)", "1", "2", "3 or more")
    assert 'aria-label="Legend: from the faintest colour to the strongest, 0, (not used), 1' in (
        heat_legend(1)
    )


def test_bars_exactly():
    assert hbars([("a", [1]), ("bb", [2])], [("n", "abc-c1")], "Two bars") == (
        '<svg xmlns="http://www.w3.org/2000/svg" class="abc-svg abc-bars" viewBox="0 0 360 54" '
        'width="360" height="54" role="img" aria-label="Two bars"><title>Two bars</title>'
        '<text x="20" y="15" class="abc-t" text-anchor="end" fill="#666666">a</text>'
        '<rect x="26" y="5" width="145" height="12" class="abc-c1" fill="#0072b2">'
        "<title>a: 1</title></rect>"
        '<text x="176" y="15" class="abc-t" text-anchor="start" fill="#666666">1</text>'
        '<text x="20" y="39" class="abc-t" text-anchor="end" fill="#666666">bb</text>'
        '<rect x="26" y="29" width="290" height="12" class="abc-c1" fill="#0072b2">'
        "<title>bb: 2</title></rect>"
        '<text x="321" y="39" class="abc-t" text-anchor="start" fill="#666666">2</text></svg>'
    )


def test_a_month_still_running_is_marked_so_far():
    chart = columns(
        [("Oct", [4, 2]), ("Nov", [3, 2])],
        [("you", "abc-c1"), ("them", "abc-c2")],
        "Months",
        partial=1,
    )
    assert chart.count("abc-partial") == 2  # both parts of November's column, not October's
    assert "<title>Nov so far, you: 3</title>" in chart and "<title>Oct, you: 4</title>" in chart
    # over the last column, it ends at the column's right edge, so it stays in the chart
    assert re.search(
        r'<text x="[\d.]+" y="[\d.]+" class="abc-t" text-anchor="end" fill="#666666">so far</text>',
        chart,
    )
    assert "abc-partial" not in columns([("Oct", [4])], [("you", "abc-c1")], "Months")


def test_a_fitted_coverage_axis_starts_near_the_lowest_value():
    points = [(date(2026, 11, 1), 95.0), (date(2026, 11, 8), 84.0)]
    labels = lambda svg: re.findall(r'text-anchor="end" fill="#666666">(\d+)%</text>', svg)  # noqa: E731
    assert labels(line_chart(points, "Cover")) == ["0", "50", "100"]
    fitted = line_chart(points, "Cover", fit=True)
    assert labels(fitted) == ["60", "80", "100"]
    # 95% is a quarter of the way down from the top of 60-100, 84% over halfway down.
    assert re.search(r'points="40,\d+(\.\d)? 350,\d+', fitted)
    ys = [
        float(y) for y in re.findall(r",(\d+(?:\.\d)?)", fitted.split('points="')[1].split('"')[0])
    ]
    assert ys == [40.8, 77.6]  # 24 + 134 * 5 / 40 and 24 + 134 * 16 / 40, to one decimal


def test_the_svg_examples_hold():
    import doctest

    from abcnet.web import svg

    assert doctest.testmod(svg).failed == 0
