"""Suggestions in the text (A accepts, X rejects) and the Figures view, through the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import USER

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def _riverton(window, project) -> str:
    article_id = project.articles.ids()[0]
    window.open_article(article_id)
    return article_id


def _suggest(window) -> list:
    window.actions_by_name["suggest_article"].trigger()
    return [c for c in window.claims_model.claims() if c.status == "suggested"]


def _shot(widget, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def test_suggest_action_draws_suggestions_in_the_open_article(make_window, sample_project):
    window = make_window(sample_project)
    article_id = _riverton(window, sample_project)
    text = sample_project.articles.text(article_id)
    for claim in sample_project.claims.for_article(article_id):
        sample_project.claims.delete(claim.id, by=claim.annotator) if claim.annotator == USER else None
    suggestions = _suggest(window)
    assert suggestions, "the sample's first article has figures the analysts did not tag"
    assert all(text[c.start : c.end] == c.quote for c in suggestions)
    window.select_claim(suggestions[0].id)
    window.view.setFocus()


def test_screenshot_suggestions_in_a_fresh_article(make_window, sample_project):
    from tests.conftest import add_article

    article_id = add_article(
        sample_project,
        FRESH,
        title="Riverton: agency revises evacuation count",
        outlet="River Post",
        published="2026-03-08",
        events=("Riverton floods",),
    )
    window = make_window(sample_project)
    window.open_article(article_id)
    suggestions = _suggest(window)
    assert len(suggestions) >= 4
    window.select_claim(suggestions[1].id)
    window.view.setFocus()
    _shot(window, "10-suggestions-in-text")


FRESH = (
    "Riverton: agency revises evacuation count\n\n"
    "The regional emergency agency said on Saturday that 3,400 people had been evacuated in total, "
    "and that 2 people were still missing. Tessa Grann told the River Post that about 11,000 homes "
    "had been damaged.\n\nThe Red Lantern Society said it was still sheltering some 900 people. "
    "Engineers estimated the repair bill for the Alder embankment at $14m."
)


def test_a_accepts_the_selected_suggestion_and_undo_takes_it_back(qtbot, make_window, sample_project):
    window = make_window(sample_project)
    _riverton(window, sample_project)
    first = _suggest(window)[0]
    window.select_claim(first.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    accepted = sample_project.claims.get(first.id)
    assert (accepted.status, accepted.annotator) == ("draft", USER)
    window.actions_by_name["undo"].trigger()
    assert sample_project.claims.get(first.id).status == "suggested"


def test_x_rejects_and_suggesting_again_does_not_bring_it_back(qtbot, make_window, sample_project):
    window = make_window(sample_project)
    article_id = _riverton(window, sample_project)
    suggestions = _suggest(window)
    window.select_claim(suggestions[0].id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_X)
    assert not sample_project.claims.exists(suggestions[0].id)
    assert window.claims_model.row_of(suggestions[0].id) < 0
    assert sample_project.suggestions.suggest(article_id, by=USER) == []
    window.actions_by_name["undo"].trigger()
    assert sample_project.claims.get(suggestions[0].id).status == "suggested"


def test_accept_and_reject_are_disabled_on_a_claim_that_is_not_a_suggestion(make_window, sample_project):
    window = make_window(sample_project)
    article_id = _riverton(window, sample_project)
    window.select_claim(sample_project.claims.for_article(article_id)[0].id)
    assert not window.actions_by_name["accept_suggestion"].isEnabled()
    assert not window.actions_by_name["reject_suggestion"].isEnabled()


def test_undo_of_a_suggest_run_removes_its_suggestions(make_window, sample_project):
    window = make_window(sample_project)
    _riverton(window, sample_project)
    assert _suggest(window)
    window.actions_by_name["undo"].trigger()
    assert sample_project.claims.count(status="suggested") == 0
    assert not [c for c in window.claims_model.claims() if c.status == "suggested"]


# -- the Figures view ------------------------------------------------------------------------


def _figures(window, event: str):
    controller = window.feature("figures")
    controller.show()
    controller.view.event_choice.setCurrentText(event)
    return controller


def _choose(view, measure: str):
    for row in range(view.group_list.count()):
        if view.group_list.item(row).data(Qt.ItemDataRole.UserRole).measure == measure:
            view.group_list.setCurrentRow(row)
            return view.current_group()
    raise AssertionError(f"no group {measure!r}")


def test_figures_view_lists_flagged_groups_first_and_explains_them(make_window, sample_project):
    window = make_window(sample_project)
    view = _figures(window, "Riverton floods").view
    first = view.current_group()
    assert first.flags and first.event == "Riverton floods"
    group = _choose(view, "homes damaged")
    assert "likely scale error" in view.flags_label.text()
    assert view.table.rowCount() == len(group.rows) == 3
    view.resize(1280, 720)
    _shot(view, "11-figures-view")


def test_clicking_a_figure_opens_its_article_with_the_claim_selected(qtbot, make_window, sample_project):
    window = make_window(sample_project)
    view = _figures(window, "Vardel clashes").view
    group = _choose(view, "killed")
    index = view.group_list.currentRow()
    target = group.rows[1]
    y = view.chart.panel_top(index) + 42 + 36 + 18  # below the title, in the second row
    qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=QPoint(400, y))
    assert window.current_article.id == target.article_id
    assert window.current_claim_id == target.claim_id


def test_clicking_a_table_row_opens_the_claim(make_window, sample_project):
    window = make_window(sample_project)
    view = _figures(window, "Morrow Star fire").view
    group = _choose(view, "passengers on board")
    view.table.cellClicked.emit(0, 0)
    assert window.current_claim_id == group.rows[0].claim_id


def test_rename_merges_two_measures_and_undo_splits_them(monkeypatch, make_window, sample_project):
    from annotator.ui.figures.view import RenameMeasureDialog

    window = make_window(sample_project)
    controller = _figures(window, "Vardel clashes")
    _choose(controller.view, "wounded")
    monkeypatch.setattr(RenameMeasureDialog, "ask", classmethod(lambda cls, parent, m, c: "killed"))
    controller.view.rename.click()
    measures = [g.measure for g in controller.view.groups]
    assert "wounded" not in measures
    window.actions_by_name["undo"].trigger()
    controller.refresh()
    assert "wounded" in [g.measure for g in controller.view.groups]


def test_figures_view_follows_new_claims(qtbot, make_window, sample_project):
    window = make_window(sample_project)
    controller = _figures(window, "Riverton floods")
    before = sum(len(g.rows) for g in controller.view.groups)
    article_id = _riverton(window, sample_project)
    text = sample_project.articles.text(article_id)
    start = text.index("40 mm")
    window.create_claim(start, start + 5)
    qtbot.waitUntil(lambda: sum(len(g.rows) for g in controller.view.groups) == before + 1, timeout=3000)


def test_suggesting_can_stop_early_and_undo_removes_what_was_suggested(make_window, sample_project):
    from annotator.ui.suggestions.actions import suggest_claims
    from tests.conftest import add_article

    ids = [
        add_article(sample_project, f"Police said {n + 5} people were arrested on day {n}.")
        for n in range(45)
    ]
    window = make_window(sample_project)
    seen = []
    claims = suggest_claims(window.workspace, ids, progress=lambda done: seen.append(done) or False)
    assert seen == [20]
    assert len(claims) == 20 == sample_project.claims.count(status="suggested")
    window.actions_by_name["undo"].trigger()
    assert sample_project.claims.count(status="suggested") == 0


def test_margin_box_saves_the_project_setting_and_flags_again(make_window, sample_project):
    window = make_window(sample_project)
    controller = _figures(window, "Vardel clashes")
    before = sum(len(g.flags) for g in controller.view.groups)
    controller.view.margin_box.setValue(80)
    controller.view.margin_box.editingFinished.emit()
    assert sample_project.events.approximate_margin() == 0.8
    assert sum(len(g.flags) for g in controller.view.groups) < before


def test_renaming_a_measure_shows_the_new_name_in_the_open_articles_claims_table(
    monkeypatch, make_window, sample_project
):
    from annotator.ui.figures.view import RenameMeasureDialog

    window = make_window(sample_project)
    controller = _figures(window, "Vardel clashes")
    group = _choose(controller.view, "wounded")
    window.open_article(group.rows[0].article_id, group.rows[0].claim_id)
    monkeypatch.setattr(RenameMeasureDialog, "ask", classmethod(lambda cls, parent, m, c: "hurt"))
    controller.view.rename.click()
    assert window.current_claim().figure.measure == "hurt"


def test_figures_view_keeps_dimensions_apart_and_flags_a_wrong_conversion(make_window, project):
    from annotator.core.model import Figure
    from tests.conftest import add_article

    text = "The fire burned 1,000 sq km (900 sq miles) of forest along a 40 km front."
    article = add_article(project, text, published="2026-07-01", events=("Hill fire",))
    other = add_article(
        project, "Rangers said 390 sq miles burned.", published="2026-07-02", events=("Hill fire",)
    )
    for name in ("Fire service", "Rangers"):
        project.speakers.add(name, by="amira")
    quote_end = text.index(" of forest")
    area = Figure("1,000 sq km", 1000, qualifier="exact", unit="km²", measure="area burned")
    front = Figure("40 km", 40, qualifier="exact", unit="km", measure="area burned")
    project.claims.create(
        article, 16, quote_end, by="amira", speaker="Fire service", figure=area, status="submitted"
    )
    start = text.index("40 km")
    project.claims.create(
        article, start, start + 5, by="amira", speaker="Fire service", figure=front, status="submitted"
    )
    miles = Figure("390 sq miles", 390, qualifier="exact", unit="sq miles", measure="area burned")
    project.claims.create(other, 13, 25, by="amira", speaker="Rangers", figure=miles, status="submitted")
    window = make_window(project)
    view = _figures(window, "Hill fire").view
    titles = [view.group_list.item(row).text().splitlines()[0] for row in range(view.group_list.count())]
    assert titles == ["area burned [km²]  (2)", "area burned [km]  (1)"]
    view.group_list.setCurrentRow(0)
    assert "conversion does not match" in view.flags_label.text()
    assert "kept apart" in view.flags_label.text()
    view.resize(1100, 640)
    _shot(view, "32-figures-units")
