"""The Figures view: each event's measures, their figures side by side on a chart, flags in words.

A dock of the main window (View → Figures, Ctrl+3). The core groups and flags
(core/figures/compare.py); this screen shows what it decided and sends clicks back to the
window (open the article with the claim selected) and renames to the store.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.figures.compare import MeasureGroup, compare_figures
from annotator.ui.figures.chart import FLAG_COLOURS, FiguresChart
from annotator.ui.plain import plain_label, plain_tooltip
from annotator.ui.undo import Change, ProjectCommand

ALL_EVENTS = "All events"
TABLE_COLUMNS = ("Date", "Speaker", "Outlet", "Figure", "Qualifier", "Confidence", "Status", "Flags")


class FiguresView(QWidget):
    """Lists measure groups; shows the chosen one as a chart, its flags and a table."""

    figure_chosen = Signal(str, str)  # article id, claim id
    rename_requested = Signal(str, str)  # event ('' for all), measure
    margin_changed = Signal(float)
    export_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("figuresView")
        self.groups: list[MeasureGroup] = []
        self.margin = 0.10
        self._build()

    def _build(self) -> None:
        self.event_choice = QComboBox(objectName="figuresEvent")
        self.flagged_only = QCheckBox("Flagged only", objectName="figuresFlaggedOnly")
        self.margin_box = QSpinBox(objectName="figuresMargin", minimum=0, maximum=99, suffix=" %")
        self.margin_box.setPrefix("“about” = ±")
        self.margin_box.setToolTip("How far an 'about' figure reaches either side (a project setting)")
        self.rename = QPushButton("Rename or merge measure…", objectName="figuresRename")
        self.export = QPushButton("Export CSV…", objectName="figuresExport")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        layout.addLayout(bar)  # parented first: the widgets added below then belong to self
        bar.addWidget(QLabel("Event", self))
        bar.addWidget(self.event_choice, 1)
        bar.addWidget(self.flagged_only)
        bar.addWidget(self.margin_box)
        bar.addStretch(1)
        bar.addWidget(self.rename)
        bar.addWidget(self.export)
        self.group_list = QListWidget(objectName="figuresGroups")
        self.group_list.setSpacing(3)
        self.chart = FiguresChart()
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        self.flags_label = QLabel(objectName="figuresFlags", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.flags_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.flags_label.setContentsMargins(10, 4, 10, 4)
        self.table = _table()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(scroll)
        right.addWidget(self.flags_label)
        right.addWidget(self.table)
        right.setSizes([430, 90, 170])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.group_list)
        split.addWidget(right)
        split.setSizes([260, 900])
        layout.addWidget(split, 1)
        self.group_list.currentRowChanged.connect(self._show_group)
        self.flagged_only.toggled.connect(lambda _on: self._fill_list())
        self.chart.figure_chosen.connect(self.figure_chosen)
        self.chart.group_chosen.connect(self.group_list.setCurrentRow)
        self.table.cellClicked.connect(self._row_clicked)
        self.rename.clicked.connect(self._ask_rename)
        self.export.clicked.connect(self.export_requested)
        self.margin_box.editingFinished.connect(
            lambda: self.margin_changed.emit(self.margin_box.value() / 100)
        )

    # -- content ---------------------------------------------------------------------------

    def set_events(self, names: list[str], *, keep: str | None = None) -> None:
        blocked = self.event_choice.blockSignals(True)
        self.event_choice.clear()
        self.event_choice.addItems([ALL_EVENTS, *names])
        self.event_choice.setCurrentText(keep if keep in names else ALL_EVENTS)
        self.event_choice.blockSignals(blocked)

    def chosen_event(self) -> str | None:
        text = self.event_choice.currentText()
        return None if text in ("", ALL_EVENTS) else text

    def show_groups(self, groups: list[MeasureGroup], *, margin: float) -> None:
        """Show new groups, keeping the chosen measure when it is still there."""
        current = self.current_group()
        self.groups, self.margin = groups, margin
        blocked = self.margin_box.blockSignals(True)
        self.margin_box.setValue(round(margin * 100))
        self.margin_box.blockSignals(blocked)
        self._fill_list(keep=(current.event, current.measure) if current else None)

    def visible_groups(self) -> list[MeasureGroup]:
        shown = [g for g in self.groups if g.flags or not self.flagged_only.isChecked()]
        return sorted(shown, key=lambda g: (not g.flags, g.event.casefold(), g.measure.casefold()))

    def current_group(self) -> MeasureGroup | None:
        item = self.group_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _fill_list(self, keep: tuple[str, str] | None = None) -> None:
        keep = keep or ((g.event, g.measure) if (g := self.current_group()) else None)
        self.group_list.blockSignals(True)
        self.group_list.clear()
        chosen = 0
        visible = self.visible_groups()
        for index, group in enumerate(visible):
            self.group_list.addItem(_group_item(group, show_event=self.chosen_event() is None))
            if keep == (group.event, group.measure):
                chosen = index
        self.group_list.blockSignals(False)
        self.chart.show_groups(visible, selected=chosen, margin=self.margin)
        if self.group_list.count():
            self.group_list.setCurrentRow(chosen)
            self._show_group(chosen)
        else:
            self._show_group(-1)

    def _show_group(self, row: int) -> None:
        group = self.group_list.item(row).data(Qt.ItemDataRole.UserRole) if row >= 0 else None
        self.chart.select(row)
        self.scroll.ensureVisible(0, self.chart.panel_top(row), 0, 10)
        if row >= 0:
            self.scroll.verticalScrollBar().setValue(max(0, self.chart.panel_top(row) - 8))
        self.flags_label.setText(_flags_html(group))
        _fill_table(self.table, group)
        self.rename.setEnabled(group is not None)

    def _row_clicked(self, row: int, _column: int) -> None:
        group = self.current_group()
        if group is not None and 0 <= row < len(group.rows):
            self.figure_chosen.emit(group.rows[row].article_id, group.rows[row].claim_id)

    def _ask_rename(self) -> None:
        group = self.current_group()
        if group is not None:
            self.rename_requested.emit(self.chosen_event() or "", group.measure)


def _group_item(group: MeasureGroup, *, show_event: bool) -> QListWidgetItem:
    kinds = list(dict.fromkeys(f.kind for f in group.flags))
    title = group.measure or "(no measure)"
    if group.unit:  # the same measure in two units of different dimensions is two groups
        title = f"{title} [{group.unit}]"
    lines = [f"{title}  ({len(group.rows)})"]
    if show_event:
        lines.append(f"   {group.event or 'no event'}")
    if kinds:
        lines.append("   ⚠ " + ", ".join(kinds))
    item = QListWidgetItem("\n".join(lines))
    item.setData(Qt.ItemDataRole.UserRole, group)
    if kinds:
        item.setForeground(Qt.GlobalColor.darkRed)
    item.setToolTip(plain_tooltip("\n".join(dict.fromkeys(f.explanation for f in group.flags)) or "No flags"))
    return item


def _flags_html(group: MeasureGroup | None) -> str:
    if group is None:
        return ""
    note = f"<br><i>{escape(group.note)}</i>" if group.note else ""
    if not group.flags:
        return "<span style='color:#2e7d32'>✓ These figures can all be true together.</span>" + note
    lines = dict.fromkeys(
        f"<span style='color:{FLAG_COLOURS[f.kind]}'><b>{escape(f.kind)}</b></span>: {escape(f.explanation)}"
        for f in group.flags
    )
    return "<br>".join(lines) + note


def _table() -> QTableWidget:
    table = QTableWidget(0, len(TABLE_COLUMNS), objectName="figuresTable")
    table.setHorizontalHeaderLabels(TABLE_COLUMNS)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setToolTip("Click a figure to open its article with the claim selected")
    return table


def _fill_table(table: QTableWidget, group: MeasureGroup | None) -> None:
    rows = group.rows if group else ()
    table.setRowCount(len(rows))
    for index, row in enumerate(rows):
        flags = ", ".join(dict.fromkeys(f.kind for f in group.flags_for(row.claim_id)))
        cells = (
            row.published,
            row.who,
            row.outlet,
            row.shown,
            row.qualifier,
            row.confidence,
            row.status,
            flags,
        )
        for column, text in enumerate(cells):
            table.setItem(index, column, QTableWidgetItem(text or ""))


class RenameMeasureDialog(QDialog):
    """New name for a measure; choosing an existing one merges the two."""

    def __init__(self, parent, measure: str, choices: list[str]):
        super().__init__(parent)
        self.setWindowTitle("Rename or merge measure")
        self.name = QComboBox(editable=True, objectName="renameMeasure")
        self.name.addItems([c for c in choices if c.casefold() != measure.casefold()])
        self.name.setEditText(measure)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(plain_label(f"Every claim measuring “{measure}” will measure:"))
        form.addRow("&Measure", self.name)
        form.addRow(QLabel("Pick another measure to merge the two groups."))
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent, measure: str, choices: list[str]) -> str | None:
        dialog = cls(parent, measure, choices)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return " ".join(dialog.name.currentText().split()) or None


class RenameMeasure(ProjectCommand):
    """Call a measure by another name (merging two when the name exists); undo gives each renamed
    claim its old measure back."""

    def __init__(self, workspace, old: str, new: str, *, event: str | None):
        super().__init__(workspace, f"Rename measure to “{new}”")
        self.old, self.new, self.event_choice = old, new, event
        self.old_measures: dict[str, str] = {}

    def first_run(self) -> Change | None:
        before = self.project.events.claims_measuring(self.old, event=self.event_choice)
        renamed = self._rename(self.old)
        self.old_measures = {claim_id: before[claim_id] for claim_id in renamed}
        return self._changed() if renamed else None

    def do(self) -> Change:
        for old in set(self.old_measures.values()):
            self._rename(old)
        return self._changed()

    def undo_change(self) -> Change:
        self.project.events.restore_measures(self.old_measures, by=self.by)
        return self._changed()

    def _rename(self, old: str) -> list[str]:
        return self.project.events.rename_measure(old, self.new, by=self.by, event=self.event_choice)

    def _changed(self) -> Change:
        return Change(edited=tuple(self.project.claims.get_many(list(self.old_measures))))


class SetMargin(ProjectCommand):
    """How far 'about' reaches in this project; undo puts the old margin back."""

    def __init__(self, workspace, margin: float):
        super().__init__(workspace, f"Set “about” to ±{round(margin * 100)} %")
        self.after, self.before = margin, None

    def first_run(self) -> Change | None:
        if abs(self.after - self.project.events.approximate_margin()) < 1e-9:
            return None
        return self.do()

    def do(self) -> Change:
        self.before = self.project.events.set_approximate_margin(self.after, by=self.by)
        return Change(figures=True)

    def undo_change(self) -> Change:
        self.project.events.set_approximate_margin(self.before, by=self.by)
        return Change(figures=True)


class FiguresController:
    """Keeps the Figures view in step with the project and the window (a `ui.shell.Shell`)."""

    def __init__(self, window):
        self.window = window
        self.workspace = window.workspace
        self.view = FiguresView()
        self.dock = window.add_dock(
            self.view,
            "Figures",
            name="figures_view",
            text="&Figures (compare claimed figures)",
            shortcut="Ctrl+3",
        )
        self.dock.setFloating(True)  # a window of its own by default; it can be docked at the bottom
        self.dock.resize(1280, 760)
        self.dock.hide()
        self._dirty = True
        self._timer = QTimer(self.view, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        window.subscribe(self._project_changed)
        self.dock.visibilityChanged.connect(lambda visible: visible and self._dirty and self.refresh())
        self.view.event_choice.currentTextChanged.connect(lambda _text: self.refresh())
        self.view.figure_chosen.connect(self.open_figure)
        self.view.rename_requested.connect(self.rename_measure)
        self.view.export_requested.connect(self.export_csv)
        self.view.margin_changed.connect(self.set_margin)

    def _project_changed(self, change: Change) -> None:
        if change.claims() or change.figures or change.everything:
            self._schedule()

    def _schedule(self) -> None:
        self._dirty = True
        if self.dock.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        """Read the figures again and show them."""
        project = self.workspace.project
        self._dirty = False
        self.view.set_events(project.events.names(), keep=self.view.chosen_event())
        margin = project.events.approximate_margin()
        rows = project.events.figure_rows(event=self.view.chosen_event())
        self.view.show_groups(compare_figures(rows, margin=margin), margin=margin)

    def show(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()

    def open_figure(self, article_id: str, claim_id: str) -> None:
        self.window.open_article(article_id, claim_id)
        self.window.dialog_parent().raise_()
        self.window.focus_text()

    def rename_measure(self, event: str, measure: str) -> None:
        new = RenameMeasureDialog.ask(
            self.window.dialog_parent(), measure, self.workspace.project.claims.measures()
        )
        if new and new != measure:
            self._perform(RenameMeasure(self.workspace, measure, new, event=event or None))

    def set_margin(self, margin: float) -> None:
        """Save how far 'about' reaches for this project (undoable); the view flags again."""
        self._perform(SetMargin(self.workspace, margin))

    def _perform(self, command: ProjectCommand) -> None:
        if self.window.perform(command) is not None:
            self.refresh_if_due()

    def refresh_if_due(self) -> None:
        """Refresh now if a change asked for it (else the timer does it shortly)."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()

    def export_csv(self) -> None:
        from pathlib import Path

        from annotator.core.exporters.comparison import write_comparison_csv

        path, _ = QFileDialog.getSaveFileName(
            self.window.dialog_parent(), "Export the comparison", "figures.csv", "CSV (*.csv)"
        )
        if not path:
            return
        try:
            count = write_comparison_csv(self.view.visible_groups(), Path(path))
        except (AnnotatorError, OSError) as error:
            self.window.show_error(f"Cannot export to {path}: {error}")
            return
        self.window.show_message(f"Exported {count} figure(s) to {path}", 6000)


def install(window) -> FiguresController:
    """Give a window the Figures dock (View menu, Ctrl+3); findable as `window.feature("figures")`."""
    controller = FiguresController(window)
    window.register_feature("figures", controller)
    return controller
