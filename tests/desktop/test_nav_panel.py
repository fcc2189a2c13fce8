"""The navigation panel: full document titles in tooltips; unit counts follow the
selected gazette or document (issue 17)."""

from __future__ import annotations

from collections import Counter

from seedfiles import seed_path

from desktop.views.nav_panel import ID_ROLE, UNIT_ID_ROLE


def _unit_counts(window) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Per directory unit id (two counties' 水利局 are two units), the count shown."""
    out = {}
    for i in range(1, window.nav.units.count()):
        item = window.nav.units.item(i)
        out[item.data(UNIT_ID_ROLE)] = int(item.text().rsplit("（", 1)[1].rstrip("）"))
    return out


def _expected(rows) -> dict[int, int]:  # type: ignore[no-untyped-def]
    c: Counter[int] = Counter()
    for r in rows:
        c.update(set(r.lead_unit_ids) | set(r.support_unit_ids))
    return dict(c)


def test_unit_counts_follow_the_selected_gazette(window, gateway) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    gateway.import_path(seed_path("002"))
    window.reload()
    rows = window.model.all_rows()
    assert _unit_counts(window) == _expected(rows)
    top = window.nav.tree.topLevelItem(0)
    assert top.childCount() == 2
    for g in range(2):
        node = top.child(g)
        window.nav.tree.setCurrentItem(node)
        gazette_id = node.data(0, ID_ROLE)[0]
        mine = [r for r in rows if r.gazette_id == gazette_id]
        assert _unit_counts(window) == _expected(mine)
        assert window.model.rowCount() == len(mine)
    # A document node narrows the counts to the document.
    doc_node = top.child(0).child(0)
    window.nav.tree.setCurrentItem(doc_node)
    doc_id = doc_node.data(0, ID_ROLE)[1]
    assert _unit_counts(window) == _expected([r for r in rows if r.document_id == doc_id])
    # A picked unit stays picked when the gazette changes, even where it has no task.
    window.nav.tree.setCurrentItem(top.child(0))
    unit = window.nav.units.item(1).data(ID_ROLE)
    window.nav.units.setCurrentRow(1)
    window.nav.tree.setCurrentItem(top.child(1))
    assert window.nav.selected_unit() == unit
    window.nav.tree.setCurrentItem(top)
    assert _unit_counts(window) == _expected(rows)


def test_document_nodes_show_the_full_title_as_tooltip(window, gateway) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    window.reload()
    rows = window.model.all_rows()
    gazette = window.nav.tree.topLevelItem(0).child(0)
    checked = 0
    for i in range(gazette.childCount()):
        node = gazette.child(i)
        doc_id = node.data(0, ID_ROLE)[1]
        row = next((r for r in rows if r.document_id == doc_id), None)
        if row is None or not row.doc_title:
            continue
        assert row.doc_title in node.toolTip(0)
        checked += 1
    assert checked
