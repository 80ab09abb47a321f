"""The offline renderer: a pinned bundle, safe embedding, and only when building the book."""

from __future__ import annotations

import json

import altair as alt

from unscspeech.book import offline


def test_bundle_matches_the_installed_altair(tmp_path):
    path = offline.write_vega_bundle(tmp_path / "_static" / "vega-bundle.js")
    text = path.read_text(encoding="utf-8")
    assert f"Vega-Lite {offline.vegalite_minor()}" in text.splitlines()[0]
    assert text.splitlines()[1] == "(function () {" and text.rstrip().endswith("})();")
    assert "window.vegaEmbed=" in text.replace(" ", "")
    assert "import(" not in text[:2000] and "http://" not in text[:300]


def test_bundle_is_deterministic(tmp_path):
    a = offline.write_vega_bundle(tmp_path / "a.js").read_bytes()
    b = offline.write_vega_bundle(tmp_path / "b.js").read_bytes()
    assert a == b


def test_corpus_markup_cannot_escape_the_script_element():
    spec = {"description": 'Alt "text" <b>', "data": {"values": [{"t": "</script><script>alert(1)</script>"}]}}
    html = offline.chart_html(spec)
    assert "</script><script>alert" not in html
    assert html.count("</script>") == 1
    assert 'aria-label="Alt &quot;text&quot; &lt;b&gt;"' in html
    body = html.split("vegaEmbed(el, ", 1)[1].rsplit(", {", 1)[0]
    assert json.loads(body)["data"]["values"][0]["t"] == "</script><script>alert(1)</script>"


def test_chart_ids_are_stable_and_distinct():
    a, b = offline.chart_html({"mark": "bar"}), offline.chart_html({"mark": "point"})
    assert a == offline.chart_html({"mark": "bar"})
    assert a.split('"')[1] != b.split('"')[1]


def test_renderer_is_enabled_only_for_the_book(monkeypatch):
    previous = alt.renderers.active
    try:
        monkeypatch.delenv(offline.BOOK_ENV, raising=False)
        alt.renderers.enable("default")
        assert offline.enable_book_renderer() is False
        assert alt.renderers.active == "default"
        monkeypatch.setenv(offline.BOOK_ENV, "1")
        assert offline.enable_book_renderer() is True
        bundle = alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q")._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        assert "vegaEmbed(el," in data["text/html"]
        assert not any(k.startswith("application/vnd.vegalite") for k in data)
    finally:
        alt.renderers.enable(previous)
