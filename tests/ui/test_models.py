"""The Qt models are correct adapters: qtmodeltester on the claims model, its proxy and the articles."""

from __future__ import annotations

from annotator.ui.annotate.article_list import ArticlesModel
from annotator.ui.annotate.claims_table import CLAIM_ID_ROLE, ClaimsModel, ClaimsProxy, ClaimsTable


def _sample_claims(sample_project):
    return list(sample_project.claims.select())


def test_claims_model_passes_the_model_tester(qtmodeltester, sample_project):
    model = ClaimsModel()
    model.set_claims(_sample_claims(sample_project))
    qtmodeltester.check(model, force_py=True)


def test_claims_proxy_passes_the_model_tester_while_rows_change(qtmodeltester, sample_project):
    claims = _sample_claims(sample_project)
    model = ClaimsModel()
    model.set_claims(claims[:3])
    proxy = ClaimsProxy()
    proxy.setSourceModel(model)
    proxy.sort(2)
    qtmodeltester.check(proxy, force_py=True)
    model.add_claim(claims[3])
    model.replace_claim(claims[0].with_changes(note="changed"))
    model.remove_claim(claims[1].id)
    proxy.setFilterFixedString("a")
    qtmodeltester.check(proxy, force_py=True)


def test_articles_model_passes_the_model_tester(qtmodeltester, sample_project):
    model = ArticlesModel()
    model.set_summaries(sample_project.articles.summaries())
    qtmodeltester.check(model, force_py=True)


def test_figure_column_sorts_by_number_not_text(qtbot, sample_project):
    claims = _sample_claims(sample_project)
    table = ClaimsTable(ClaimsModel())
    qtbot.addWidget(table)
    table.model.set_claims(claims)
    table.proxy.sort(2)
    shown = [table.proxy.index(row, 0).data(CLAIM_ID_ROLE) for row in range(table.proxy.rowCount())]
    figures = [next(c for c in claims if c.id == claim_id).figure for claim_id in shown]
    numbers = [f.value if f.value is not None else f.low for f in figures]
    numbers = [n for n in numbers if n is not None]
    assert len(numbers) > 5
    assert numbers == sorted(numbers)


def test_filter_matches_any_visible_column(qtbot, sample_project):
    table = ClaimsTable(ClaimsModel())
    qtbot.addWidget(table)
    claims = _sample_claims(sample_project)
    table.model.set_claims(claims)
    table.filter.setText("red lantern")
    assert 0 < table.proxy.rowCount() < len(claims)
    assert all(
        table.proxy.index(row, 1).data() == "Red Lantern Society" for row in range(table.proxy.rowCount())
    )
