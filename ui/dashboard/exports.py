"""The dashboard's exports: the CSV of the chosen days and the PDF report.

A part of :class:`ui.dashboard.window.DashboardWindow` (it uses the window's client,
query, progress bar and banner): the CSV is fetched a month at a time off the GUI thread,
the PDF written a page at a time between events, each step moving the progress bar.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from kiosk.errors import KioskError
from ui.dashboard.jobs import Steps
from ui.dashboard.period import months
from ui.dashboard.planning import planning_params
from ui.dashboard.report_pdf import Report, ReportContext
from ui.i18n import tr


def _with_planning(shown: dict | None, results: list) -> dict:
    """The report's answer from an export's steps: the figures (``shown``, or fetched
    first), then their planning when it was fetched (the last step; None: refused)."""
    answer = shown if shown is not None else results[0]
    if len(results) > (0 if shown is not None else 1) and results[-1] is not None:
        answer = {**answer, "planning": results[-1]}
    return answer


def _planning_or_none(fetch, params: dict) -> dict | None:
    """The planning, or None when the hub refuses it (a site it holds no description
    of, a service that site does not hold): the report then goes without that page."""
    try:
        return fetch(params)
    except KioskError as exc:
        if getattr(exc, "http_status", 500) not in (404, 422):
            raise
        return None


class Exports:
    """Mixed into the window (which provides ``client``, ``query``, ``answer``...)."""

    def _ask_csv_path(self) -> None:
        query = self.query
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export CSV"), f"kiosk-{query.start}-{query.end}.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)

    def _ask_pdf_path(self) -> None:
        query = self.query
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Report (PDF)"), f"kiosk-{query.start}-{query.end}.pdf", "PDF (*.pdf)"
        )
        if path:
            self.export_pdf(path)

    def export_csv(self, path: str | Path) -> None:
        """One row per site × day × service (UTF-8), fetched and written a month at a time."""
        query, path = self.query, Path(path)
        pieces = months(query.start, query.end)
        steps = [
            lambda a=a, b=b: self.client.footfall_csv(
                a.isoformat(), b.isoformat(), query.site, query.service
            )
            for a, b in pieces
        ]
        job = Steps(self, steps)
        self._start_progress(job, tr("Exporting CSV"))
        job.done.connect(lambda texts: self._write_csv(path, texts))
        job.failed.connect(self._export_failed)
        job.cancelled.connect(lambda: self._figures_cancelled(0))
        job.start()

    def _write_csv(self, path: Path, texts: list[str]) -> None:
        self._end_progress()
        head, *_ = texts[0].split("\n", 1)
        body = "".join(text.split("\n", 1)[1] if "\n" in text else "" for text in texts)
        try:
            path.write_text(f"{head}\n{body}", encoding="utf-8")
        except OSError as exc:
            self._export_failed(exc)
            return
        self.show_message("info", tr("CSV saved: {0}").format(path))
        self.exported.emit(str(path))

    def export_pdf(self, path: str | Path) -> None:
        """The report of the chosen days, written a page at a time with progress. Its
        planning page is always there: taken from the planning tab when the tab holds
        those days already, else fetched with the figures (off the GUI thread)."""
        query, path, panel = self.query, Path(path), self.board.planning
        shown = self.answer if self.answer is not None and self.shown_query == query else None
        if shown is not None and panel.matches(shown):
            self._write_pdf(path, {**shown, "planning": panel.data})
            return
        if shown is not None and panel.fetch is None:
            self._write_pdf(path, shown)
            return
        steps = [] if shown is not None else [lambda: self.client.stats(**query.params())]
        if panel.fetch is not None:
            fetch = panel.fetch
            steps.append(lambda: _planning_or_none(fetch, planning_params(shown or job.results[0])))
        job = Steps(self, steps)
        self._start_progress(job, tr("Preparing the report"))
        job.done.connect(lambda results: self._write_pdf(path, _with_planning(shown, results)))
        job.failed.connect(self._export_failed)
        job.start()

    def _write_pdf(self, path: Path, answer: dict) -> None:
        query = self.query
        scope = [tr("Both sites") if not query.site else self.site_name(query.site)]
        if query.service:
            scope.append(
                self.service_name(
                    next(
                        (r for r in answer["by_service"] if r["key"] == query.service),
                        {"key": query.service},
                    )
                )
            )
        context = ReportContext(
            self.site_name,
            self.service_name,
            self.language,
            " · ".join(scope),
            datetime.fromisoformat(answer["generated_at"]),
            str(self.tz),
        )
        try:
            self.report = Report(path, answer, context)
        except OSError as exc:
            self._export_failed(exc)
            return
        self.job = None
        self.progress_text.setText(tr("Writing the report"))
        self.progress.setRange(0, self.report.page_count)
        self.progress.setValue(0)
        self.progress_row.show()
        self.csv_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self.progressed.emit(0, self.report.page_count)
        QTimer.singleShot(0, self._next_page)

    def _next_page(self) -> None:
        report = self.report
        if report is None:
            return
        more = report.write_next()
        self.progress.setValue(report.written)
        self.progressed.emit(report.written, report.page_count)
        if more:
            QTimer.singleShot(0, self._next_page)
            return
        self.report = None
        self._end_progress()
        saved = tr("Report saved: {0} (%Ln page(s))", None, report.page_count)
        self.show_message("info", saved.format(report.path))
        self.exported.emit(str(report.path))

    def _export_failed(self, error: Exception) -> None:
        self._end_progress()
        self.show_message("error", tr("The export failed: {0}").format(error))
