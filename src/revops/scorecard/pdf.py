"""The printable scorecard: A4 landscape, the same content as the HTML page.

reportlab's invariant mode fixes the creation date and document id, and the
charts are matplotlib PNGs without a timestamp, so the same data gives the
same bytes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from revops.scorecard.charts import Chart
from revops.scorecard.view import MetricRow, ScorecardView

STATUS_COLOURS = {
    "green": colors.HexColor("#2f855a"),
    "amber": colors.HexColor("#b7791f"),
    "red": colors.HexColor("#c53030"),
    "none": colors.HexColor("#9aa5b1"),
}
TONE_COLOURS = {"good": "#2f855a", "bad": "#c53030", "flat": "#616e7c", "none": "#616e7c"}


def _styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    return {
        "title": sheet["Title"],
        "h2": sheet["Heading2"],
        "h3": sheet["Heading4"],
        "body": sheet["BodyText"],
        "small": ParagraphStyle("small", parent=sheet["BodyText"], fontSize=7, leading=9),
        "banner": ParagraphStyle(
            "banner",
            parent=sheet["BodyText"],
            backColor=colors.HexColor("#fffbea"),
            borderColor=colors.HexColor("#f0b429"),
            borderWidth=1,
            borderPadding=4,
            spaceBefore=4,
            spaceAfter=8,
        ),
    }


def _image(chart: Chart, width: float) -> Image:
    reader = ImageReader(io.BytesIO(chart.png))
    pixels_wide, pixels_high = reader.getSize()
    return Image(io.BytesIO(chart.png), width=width, height=width * pixels_high / pixels_wide)


def _metric_table(rows: list[MetricRow], styles: dict[str, ParagraphStyle]) -> Table:
    header = ["Metric", "Value", "vs last week", "4-week avg", "Target", "Status", "13 weeks"]
    body = []
    for row in rows:
        label = f"{escape(row.label)}<br/><font size=7 color='#616e7c'>{escape(row.key)}</font>"
        if row.detail:
            label += f"<br/><font size=7 color='#616e7c'>{escape(row.detail)}</font>"
        change = f"<font color='{TONE_COLOURS[row.change_tone]}'>{escape(row.change)}</font>"
        spark = _image(row.sparkline, 3.2 * cm) if row.sparkline.png else "—"
        body.append(
            [
                Paragraph(label, styles["body"]),
                row.value,
                Paragraph(change, styles["body"]),
                row.average,
                row.target,
                row.status_text,
                spark,
            ]
        )
    table = Table(
        [header, *body],
        colWidths=[7 * cm, 3.2 * cm, 3.2 * cm, 3.2 * cm, 3.2 * cm, 3 * cm, 3.8 * cm],
        repeatRows=1,
    )
    style = [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.HexColor("#616e7c")),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#e4e7eb")),
        ("FONT", (1, 1), (1, -1), "Helvetica-Bold", 10),
    ]
    for index, row in enumerate(rows, start=1):
        style += [
            ("TEXTCOLOR", (5, index), (5, index), colors.white),
            ("BACKGROUND", (5, index), (5, index), STATUS_COLOURS.get(row.status, colors.grey)),
            ("ALIGN", (5, index), (5, index), "CENTER"),
        ]
    table.setStyle(TableStyle(style))
    return table


def _summary_page(view: ScorecardView, styles: dict[str, ParagraphStyle]) -> list:
    counts = view.counts
    story: list = [
        Paragraph(escape(view.title), styles["title"]),
        Paragraph(escape(view.period), styles["body"]),
        Spacer(1, 6),
    ]
    cells = [
        f"{counts['green']} green",
        f"{counts['amber']} amber",
        f"{counts['red']} red",
        f"{counts['none']} without status",
    ]
    summary = Table([cells], colWidths=[4.5 * cm] * 4)
    summary.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica-Bold", 12),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.white),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                *[
                    ("BACKGROUND", (i, 0), (i, 0), STATUS_COLOURS[name])
                    for i, name in enumerate(("green", "amber", "red", "none"))
                ],
            ]
        )
    )
    story += [summary, Spacer(1, 8)]
    story += [Paragraph(escape(banner), styles["banner"]) for banner in view.banners]
    story.append(Paragraph("What moved", styles["h2"]))
    moved = [escape(sentence) for _, sentence in view.moved] or [
        "Nothing moved more than 5% from its 4-week average."
    ]
    story += [Paragraph(f"&bull; {line}", styles["body"]) for line in moved]
    if view.restatements:
        story.append(Paragraph("Restated since published", styles["h2"]))
        story += [Paragraph(f"&bull; {escape(line)}", styles["body"]) for line in view.restatements]
    if view.has_reconciliation:
        story.append(Paragraph("Reconciliation", styles["h2"]))
        if view.reconciliation:
            story += [
                Paragraph(f"&bull; {escape(line)}", styles["body"]) for line in view.reconciliation
            ]
        else:
            story.append(Paragraph(f"No reconciliation rows for {view.week}.", styles["body"]))
    if view.invest:
        story.append(Paragraph("Invest", styles["h2"]))
        story += [Paragraph(f"&bull; {escape(line)}", styles["body"]) for line in view.invest]
    story += [Spacer(1, 12)]
    story += [Paragraph(escape(note), styles["small"]) for note in view.notes]
    return story


def render_pdf(view: ScorecardView) -> bytes:
    """One summary page, then one page (or more) per section."""
    styles = _styles()
    story = _summary_page(view, styles)
    for section in view.sections:
        story += [PageBreak(), Paragraph(escape(section.name), styles["h2"])]
        for chart in section.charts:
            story.append(Paragraph(escape(chart.title), styles["h3"]))
            if chart.png:
                story.append(_image(chart, 16 * cm))
            else:
                story.append(Paragraph(f"<i>{escape(chart.note)}</i>", styles["body"]))
        story += [Spacer(1, 6), _metric_table(section.rows, styles)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.2 * cm,
        bottomMargin=1.2 * cm,
        title=view.title,
        author="revops",
        subject=f"Weekly executive scorecard, {view.week}",
        creator="revops scorecard",
        invariant=1,
    )
    document.build(story, onFirstPage=_footer(view), onLaterPages=_footer(view))
    return buffer.getvalue()


def _footer(view: ScorecardView):
    def draw(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.HexColor("#616e7c"))
        canvas.drawString(1.5 * cm, 0.7 * cm, f"{view.title} - page {document.page}")
        canvas.restoreState()

    return draw
