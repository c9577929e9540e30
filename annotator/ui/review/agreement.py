"""The agreement report in the window: per pair and overall, for one article or the project."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.formatting import clip
from annotator.core.review.agreement import project_agreement
from annotator.ui.review.dialogs import fit_columns

HEADERS = (  # on two or three lines: the table fits a small laptop's screen
    "Pair",
    "Exact\nF1",
    "matched /\nonly A /\nonly B",
    "Overlap\nF1",
    "matched /\nonly A /\nonly B",
    "Speaker\nκ",
    "Speaker\nα",
    "Confidence\nκ",
    "Confidence\nα",
    "Figure\nα",
    "Pairs\ncompared\n(S / C / F)",
)
EXPLANATION = (
    "F1: spans tagged by both (exact: same start and end; overlap: any shared text). "
    "κ: Cohen's kappa (confidence weighted linearly; overall: mean of pairs). α: Krippendorff's alpha "
    "(speaker nominal, confidence ordinal, figure interval). Fields are compared on claims matched by "
    "overlap. — means undefined: no pairs, or no variation."
)


class AgreementDialog(QDialog):
    """Agreement between annotators, for the open article or the whole project."""

    def __init__(self, parent, project, *, article_id: str | None = None):
        super().__init__(parent)
        self.project, self.article_id = project, article_id
        self.setWindowTitle("Agreement between annotators")
        self.scope = QComboBox(objectName="agreementScope")
        self.scope.addItem("Whole project", None)
        if article_id:
            title = project.articles.get(article_id).title
            title = clip(title, 70)
            self.scope.addItem(f"This article: {title}", article_id)
            self.scope.setCurrentIndex(1)
        self.scope.currentIndexChanged.connect(lambda _index: self.refresh())
        self.heading = QLabel(objectName="agreementHeading")
        self.table = QTableWidget(0, len(HEADERS), objectName="agreementTable")
        self.table.setHorizontalHeaderLabels(HEADERS)
        fit_columns(self.table)
        self.table.horizontalHeader().setStretchLastSection(False)
        note = QLabel(EXPLANATION, wordWrap=True)
        note.setStyleSheet("color: #555555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Scope:"))
        top.addWidget(self.scope, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.refresh()
        self.resize(self._width_for_every_column(), 360)

    def refresh(self) -> None:
        article_id = self.scope.currentData()
        report = project_agreement(self.project, article_id=article_id)
        self.report = report
        rows = list(report.pairs) + ([report.overall] if report.overall else [])
        self.heading.setText(
            f"<b>{len(report.annotators)} annotators</b> on {report.articles} article(s)"
            + ("" if rows else " — agreement needs claims by at least two people")
        )
        self.table.setRowCount(len(rows))
        for row, pair in enumerate(rows):
            for column, text in enumerate(_cells(pair)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if pair.a == "*":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)

    def _width_for_every_column(self) -> int:
        """Wide enough that the last column's header shows whole (up to the screen's width)."""
        table = self.table
        table.resizeColumnsToContents()
        wanted = table.horizontalHeader().length() + table.verticalScrollBar().sizeHint().width()
        wanted += table.frameWidth() * 2 + self.layout().contentsMargins().left() * 2 + 8
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        return max(720, min(wanted, screen - 40))

    @classmethod
    def ask(cls, parent, project, *, article_id: str | None = None) -> None:
        cls(parent, project, article_id=article_id).exec()


def _cells(pair) -> list[str]:
    exact, overlap = pair.span("exact"), pair.span("overlap")
    speaker, confidence, figure = pair.field("speaker"), pair.field("confidence"), pair.field("figure")
    return [
        "Overall" if pair.a == "*" else f"{pair.a} / {pair.b}",
        _n(exact.f1),
        f"{exact.matched} / {exact.only_a} / {exact.only_b}",
        _n(overlap.f1),
        f"{overlap.matched} / {overlap.only_a} / {overlap.only_b}",
        _n(speaker.kappa),
        _n(speaker.alpha),
        _n(confidence.kappa),
        _n(confidence.alpha),
        _n(figure.alpha),
        f"{speaker.units} / {confidence.units} / {figure.units}",
    ]


def _n(value) -> str:
    return "—" if value is None else f"{value:.2f}"
