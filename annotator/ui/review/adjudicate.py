"""Two annotators on one article side by side: pairs by overlap, differing fields highlighted,
unmatched claims listed, and adjudication (keep one version, or merge fields)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import Claim
from annotator.core.review.adjudicate import compare
from annotator.ui.plain import plain_label, plain_tooltip
from annotator.ui.review.commands import adjudicate
from annotator.ui.review.dialogs import fit_columns

SHOWN = (("span", "Quote"), ("speaker", "Speaker"), ("figure", "Figure"), ("confidence", "Confidence"))
DIFFERENT = QColor("#ffe08a")
MISSING = QColor("#eeeeee")
FIGURE_PARTS = ("figure", "qualifier", "unit", "measure", "period")


class CompareDialog(QDialog):
    """The comparison view of one article."""

    def __init__(self, parent, workspace, article_id: str, *, a: str | None = None, b: str | None = None):
        super().__init__(parent)
        self.workspace, self.article_id = workspace, article_id
        project = workspace.project
        self.scale = project.settings.confidence_scale()
        people = sorted(
            {c.annotator for c in project.claims.for_article(article_id, include_suggested=False)}
        )
        title = project.articles.get(article_id).title
        self.setWindowTitle(f"Compare annotators — {title}")
        self.a_box, self.b_box = QComboBox(objectName="compareA"), QComboBox(objectName="compareB")
        for box, default in (
            (self.a_box, a or (people[0] if people else "")),
            (self.b_box, b or (people[1] if len(people) > 1 else "")),
        ):
            box.addItems(people)
            box.setCurrentText(default)
            box.currentTextChanged.connect(lambda _text: self.refresh())
        self.summary = plain_label(objectName="compareSummary")
        self.table = QTableWidget(0, 2 * len(SHOWN) + 1, objectName="compareTable")
        fit_columns(self.table)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.keep_a = QPushButton("Keep A's version", objectName="keepA")
        self.keep_b = QPushButton("Keep B's version", objectName="keepB")
        self.merge = QPushButton("Merge fields…", objectName="mergeFields")
        self.keep_a.clicked.connect(lambda: self._adjudicate("a"))
        self.keep_b.clicked.connect(lambda: self._adjudicate("b"))
        self.merge.clicked.connect(self._merge_fields)
        top = QHBoxLayout()
        top.addWidget(QLabel("A:"))
        top.addWidget(self.a_box)
        top.addWidget(QLabel("B:"))
        top.addWidget(self.b_box)
        top.addStretch(1)
        top.addWidget(self.summary)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Adjudicate the selected pair:"))
        for button in (self.keep_a, self.keep_b, self.merge):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.resize(1260, 460)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        a, b = self.a_box.currentText(), self.b_box.currentText()
        self.comparison = compare(self.workspace.project, self.article_id, a, b)
        self.rows = [(p.a, p.b, p.differences) for p in self.comparison.pairs]
        self.rows += [(c, None, ()) for c in self.comparison.only_a]
        self.rows += [(None, c, ()) for c in self.comparison.only_b]
        self.rows.sort(key=lambda row: min(c.start for c in row[:2] if c is not None))
        headers = [f"{label}\n{side}" for side in (a or "A", b or "B") for _, label in SHOWN]
        headers.insert(len(SHOWN), "")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for row, (x, y, differences) in enumerate(self.rows):
            for side, claim in enumerate((x, y)):
                for index, (name, _) in enumerate(SHOWN):
                    column = side * (len(SHOWN) + 1) + index
                    self.table.setItem(row, column, self._cell(claim, name, differences))
            divider = QTableWidgetItem("")
            divider.setBackground(QBrush(QColor("#9aa5b1")))
            self.table.setItem(row, len(SHOWN), divider)
        pairs = self.comparison.pairs
        agreeing = sum(p.agrees for p in pairs)
        self.summary.setText(
            f"{len(pairs)} matched ({agreeing} agree, {len(pairs) - agreeing} differ) · "
            f"{len(self.comparison.only_a)} only {a} · {len(self.comparison.only_b)} only {b}"
        )
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount()):
            header.setSectionResizeMode(column, header.ResizeMode.Interactive)
        header.setMinimumSectionSize(4)
        widths = {"span": 215, "speaker": 140, "figure": 150, "confidence": 95}
        for side in (0, len(SHOWN) + 1):
            for index, (name, _) in enumerate(SHOWN):
                self.table.setColumnWidth(side + index, widths[name])
        self.table.setColumnWidth(len(SHOWN), 5)
        self._update_buttons()

    def _cell(self, claim: Claim | None, name: str, differences) -> QTableWidgetItem:
        if claim is None:
            item = QTableWidgetItem("— not tagged —" if name == "span" else "")
            item.setBackground(QBrush(MISSING))
            item.setForeground(QBrush(QColor("#777777")))
            return item
        item = QTableWidgetItem(self._text(claim, name))
        figure = claim.figure
        details = f"{figure.text} · {figure.qualifier} · {figure.unit} · {figure.measure} · {figure.period}"
        tip = {"span": claim.quote, "figure": details}.get(name, item.text())
        differs = name in differences or (name == "figure" and any(p in differences for p in FIGURE_PARTS))
        if differs:
            item.setBackground(QBrush(DIFFERENT))
            font = QFont()
            font.setBold(True)
            item.setFont(font)
        if claim.status in ("accepted", "rejected"):
            tip = f"{tip} ({claim.status})"
        item.setToolTip(plain_tooltip(tip))
        return item

    def _text(self, claim: Claim, name: str) -> str:
        if name == "span":
            return f"{claim.start}–{claim.end}  “{' '.join(claim.quote.split())}”"
        if name == "speaker":
            return claim.speaker or "—"
        if name == "confidence":
            return self.scale.label_for(claim.confidence) or "—"
        figure = claim.figure
        parts = [figure.text or ("" if figure.value is None else f"{figure.value:g}"), figure.measure]
        return " · ".join(p for p in parts if p) or "—"

    # -- adjudicating ----------------------------------------------------------------------

    def selected_pair(self):
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows) or None in self.rows[row][:2]:
            return None
        a, b, _ = self.rows[row]
        return next(p for p in self.comparison.pairs if p.a.id == a.id and p.b.id == b.id)

    def _update_buttons(self) -> None:
        pair = self.selected_pair()
        for button in (self.keep_a, self.keep_b):
            button.setEnabled(pair is not None)
        self.merge.setEnabled(pair is not None and not pair.agrees)

    def _adjudicate(self, side: str) -> None:
        pair = self.selected_pair()
        if pair is not None:
            self._run(lambda: adjudicate(self.workspace, pair, keep=side))

    def _merge_fields(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        fields = FieldsDialog.ask(self, pair.differences, b=pair.b.annotator)
        if fields:
            self._run(lambda: adjudicate(self.workspace, pair, take_from_b=tuple(fields)))

    def _run(self, action) -> None:
        try:
            action()
        except AnnotatorError as error:
            self.workspace.report_error(str(error))
            return
        self.refresh()

    @classmethod
    def ask(cls, parent, workspace, article_id: str) -> None:
        """Show the comparison of the article's first two annotators (changeable in the view)."""
        cls(parent, workspace, article_id).exec()


class FieldsDialog(QDialog):
    """Which of B's differing fields go into the adjudicated claim (the rest stay A's)."""

    def __init__(self, parent, differences: tuple[str, ...], *, b: str):
        super().__init__(parent)
        self.setWindowTitle("Merge fields")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"Take these fields from {b}'s version:"))
        self.boxes = {name: QCheckBox(name, objectName=f"take-{name}") for name in differences}
        for box in self.boxes.values():
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent, differences: tuple[str, ...], *, b: str) -> list[str] | None:
        dialog = cls(parent, differences, b=b)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return [name for name, box in dialog.boxes.items() if box.isChecked()]
