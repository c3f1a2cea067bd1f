"""The quality poster's content as one HTML page, in French, English or Dutch.

The same page is served at ``/quality/{year}`` (:mod:`kiosk.hub.routes_publication`) and
printed as the A3 poster (``ui/publication_pdf.py`` lays it out with Qt's rich text), so
the wall and the web say the same thing. The HTML keeps to what both a browser and Qt's
rich text render (tables, headings, inline styles; the chart is an SVG, drawn as an
image on paper). Every figure comes from :mod:`kiosk.publish.figures`: sums of published
cells only.

The chart is the service level per month against the target, on a full 0–100 % scale
(a cut axis would make a small change look large), a month without enough visitors
drawn as no bar and said so.
"""

from __future__ import annotations

from datetime import date
from html import escape

from kiosk.publish.figures import MIN_CELL, OTHER, Cell, Published
from kiosk.siteconfig import SiteConfig

LANGUAGES = ("fr", "en", "nl")

TEXT = {
    "fr": {
        "title": "Qualité de service {year}",
        "none": "Aucun résultat à publier pour {year} : trop peu de visites enregistrées.",
        "later": "Les résultats de {year} seront publiés une fois l'année terminée, le "
        "15 janvier {next}.",
        "lead": "Ce que nos usagers ont vécu en {year}, mesuré à chaque passage. Nous "
        "publions ces résultats chaque année, à l'accueil et en ligne (programme "
        "Services Publics+).",
        "visitors": "usagers accueillis",
        "level": "reçus en {minutes} min au plus (objectif {target})",
        "wait": "attente médiane",
        "solved": "demandes résolues sur place",
        "satisfied": "d'usagers satisfaits",
        "answers": "{answers} avis",
        "by_partner": "Par partenaire France Services",
        "partner": "Partenaire",
        "col_visitors": "Usagers",
        "col_wait": "Attente médiane",
        "col_level": "Reçus en {minutes} min",
        "col_solved": "Résolues sur place",
        "col_satisfied": "Satisfaits",
        "other": "Autres partenaires",
        "total": "Ensemble",
        "chart": "Part des usagers reçus en {minutes} min au plus, mois par mois "
        "(trait rouge : objectif {target})",
        "chart_note": "Échelle complète de 0 à 100 %. Un mois sans barre : trop peu "
        "d'usagers, sur l'un des sites au moins, pour publier un chiffre.",
        "method": "Méthode : tickets du système d'accueil du {start} au {end}. Attente : de "
        "la prise du ticket à l'appel au guichet. Satisfaction : part des visages souriants "
        "parmi les avis laissés à la borne. Anonymat : aucun chiffre ne porte sur moins de "
        "{min} usagers ; les partenaires peu demandés sont regroupés et les mois trop "
        "calmes masqués. Tiret : pas assez de données pour un chiffre.",
        "sites": "Résultats de l'ensemble des sites : {names}.",
        "site_one": "Résultats du site : {names}.",
        "open_data": "Données ouvertes (fichiers CSV décrits par datapackage.json) publiées avec "
        "cette affiche.",
        "made": "Publié le {day}",
        "minutes": "{value} min",
        "months": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    },
    "en": {
        "title": "Service quality {year}",
        "none": "No results to publish for {year}: too few visits were recorded.",
        "later": "The results of {year} will be published once the year is over, on "
        "15 January {next}.",
        "lead": "What our visitors experienced in {year}, measured at every visit. We "
        "publish these results every year, at the reception desk and online (the "
        "Services Publics+ programme).",
        "visitors": "visitors welcomed",
        "level": "seen within {minutes} min (target {target})",
        "wait": "median wait",
        "solved": "requests solved on the spot",
        "satisfied": "satisfied visitors",
        "answers": "{answers} answers",
        "by_partner": "By France Services partner",
        "partner": "Partner",
        "col_visitors": "Visitors",
        "col_wait": "Median wait",
        "col_level": "Seen within {minutes} min",
        "col_solved": "Solved on the spot",
        "col_satisfied": "Satisfied",
        "other": "Other partners",
        "total": "All partners",
        "chart": "Share of visitors seen within {minutes} min, month by month "
        "(red line: target {target})",
        "chart_note": "Full scale from 0 to 100%. A month without a bar: too few visitors, "
        "at one site at least, to publish a figure.",
        "method": "Method: tickets of the reception system from {start} to {end}. Wait: "
        "from taking the ticket to the call to a desk. Satisfaction: share of smiling faces "
        "among the answers left at the kiosk. Anonymity: no figure rests on fewer than "
        "{min} visitors; partners seldom asked for are grouped and quiet months hidden. "
        "Dash: not enough data for a figure.",
        "sites": "Results of all the sites together: {names}.",
        "site_one": "Results of the site: {names}.",
        "open_data": "Open data (CSV files described by datapackage.json) published with "
        "this poster.",
        "made": "Published on {day}",
        "minutes": "{value} min",
        "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
    "nl": {
        "title": "Kwaliteit van de dienstverlening {year}",
        "none": "Geen resultaten te publiceren voor {year}: te weinig bezoeken geregistreerd.",
        "later": "De resultaten van {year} worden gepubliceerd zodra het jaar voorbij is, "
        "op 15 januari {next}.",
        "lead": "Wat onze bezoekers in {year} ervaren hebben, bij elk bezoek gemeten. We "
        "publiceren deze resultaten elk jaar, aan de balie en online (programma "
        "Services Publics+).",
        "visitors": "bezoekers ontvangen",
        "level": "geholpen binnen {minutes} min (doel {target})",
        "wait": "mediane wachttijd",
        "solved": "vragen ter plaatse opgelost",
        "satisfied": "tevreden bezoekers",
        "answers": "{answers} antwoorden",
        "by_partner": "Per France Services-partner",
        "partner": "Partner",
        "col_visitors": "Bezoekers",
        "col_wait": "Mediane wachttijd",
        "col_level": "Binnen {minutes} min",
        "col_solved": "Ter plaatse opgelost",
        "col_satisfied": "Tevreden",
        "other": "Andere partners",
        "total": "Alle partners",
        "chart": "Aandeel bezoekers geholpen binnen {minutes} min, per maand "
        "(rode lijn: doel {target})",
        "chart_note": "Volledige schaal van 0 tot 100%. Een maand zonder staaf: te weinig "
        "bezoekers, op ten minste één vestiging, om een cijfer te publiceren.",
        "method": "Methode: tickets van het onthaalsysteem van {start} tot {end}. Wachttijd: "
        "van het nemen van het ticket tot de oproep aan een balie. Tevredenheid: aandeel "
        "lachende gezichten bij de antwoorden aan de zuil. Anonimiteit: geen cijfer berust "
        "op minder dan {min} bezoekers; weinig gevraagde partners zijn samengevoegd en "
        "rustige maanden verborgen. Streepje: te weinig gegevens voor een cijfer.",
        "sites": "Resultaten van alle vestigingen samen: {names}.",
        "site_one": "Resultaten van de vestiging: {names}.",
        "open_data": "Open data (CSV-bestanden beschreven door datapackage.json) "
        "gepubliceerd met deze affiche.",
        "made": "Gepubliceerd op {day}",
        "minutes": "{value} min",
        "months": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    },
}
DASH = "—"
_CSS = (
    "body{{font-family:'DejaVu Sans',sans-serif;color:#111;font-size:{base}pt}}"
    " .h1{{font-size:{h1}pt;font-weight:bold;margin-bottom:0}}"
    " .h2{{font-size:{h2}pt;font-weight:bold;color:#1F4E79;margin-top:0}}"
    " .h3{{font-size:{h3}pt;font-weight:bold;margin-top:{gap}px}} .lead{{font-size:{lead}pt}}"
    " td,th{{padding:6px 8px}} th{{text-align:left}} .num{{text-align:right}}"
    " table.partners{{font-size:{table}pt;border-collapse:collapse}}"
    " .kpi{{font-size:{kpi}pt;font-weight:bold;color:#1F4E79}} .cap{{font-size:{cap}pt}}"
    " .small{{font-size:{small}pt;color:#333}}"
)
WEB_CSS = _CSS.format(base=12, h1=24, h2=18, h3=14, lead=13, table=12, kpi=28, cap=11,
                      small=10, gap=16) + " body{max-width:1000px;margin:auto;padding:16px}"
POSTER_CSS = _CSS.format(base=14, h1=36, h2=26, h3=18, lead=15, table=14, kpi=32, cap=13,
                         small=11, gap=24)  # fmt: skip
BLUE, RED, GREY = "#1F4E79", "#B3471D", "#8C96A0"


def number(value: int | None, language: str) -> str:
    if value is None:
        return DASH
    text = f"{value:,}"
    return text.replace(",", {"fr": "\u202f", "en": ",", "nl": "."}[language])


def share(value: float | None, language: str) -> str:
    """A share as a percentage: whole, or with the one decimal a target such as 87.5 %
    needs (a published figure is rounded to whole per cent)."""
    if value is None:
        return DASH
    tenths = round(value * 1000)
    text = str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    if language == "fr":
        return f"{text.replace('.', ',')}\u202f%"
    return f"{text.replace('.', ',') if language == 'nl' else text}%"


def whole_share(value: float | None, language: str) -> str:
    """A figure's share, to the whole per cent."""
    return share(None if value is None else round(value, 2), language)


def minutes(seconds: int | None, language: str) -> str:
    if seconds is None:
        return DASH
    if seconds < 30:
        return TEXT[language]["minutes"].format(value="< 1")
    return TEXT[language]["minutes"].format(value=round(seconds / 60))


def day_text(day: date, language: str) -> str:
    """A date; in English with the month's own name, whatever the process's locale (a
    Qt application sets it from the system's: ``%b`` would give "janv." on a French
    hub)."""
    if language == "en":
        return f"{day.day:02d} {TEXT['en']['months'].split()[day.month - 1]} {day.year}"
    return day.strftime("%d/%m/%Y")


def site_name(config: SiteConfig, slug: str, published: Published | None = None) -> str:
    """The site's name as it calls itself: this site's from its file, another's from the
    description it synced (else made from its slug)."""
    if slug == config.site.slug:
        return config.site.name
    if published is not None and slug in published.names:
        return published.names[slug]
    small = {"les", "le", "la", "de", "des", "du", "en", "sur", "sous", "lez"}
    return "-".join(w if w in small else w.capitalize() for w in slug.split("-"))


def chart_svg(published: Published, config: SiteConfig, language: str) -> str:
    """The service level per month of the year against the target: full 0–100 % scale."""
    width, height, left, bottom, top = 900, 330, 56, 40, 16
    plot_w, plot_h = width - left - 12, height - bottom - top
    names = TEXT[language]["months"].split()
    rows = {cell.key: cell for cell in published.month_rows()}
    slot = plot_w / 12
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="15">'
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 12}" y2="{y:.1f}" '
                     f'stroke="#D5DAE0" stroke-width="1"/>')  # fmt: skip
        parts.append(f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end" '
                     f'fill="#333333">{escape(share(tick / 100, language))}</text>')  # fmt: skip
    labels = []  # drawn last, each on a white patch: the target line never hides one
    for index in range(12):
        key = f"{published.year}-{index + 1:02d}"
        x = left + index * slot
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - 14}" text-anchor="middle" '
                     f'fill="#333333">{escape(names[index])}</text>')  # fmt: skip
        cell = rows.get(key)
        level = cell.figures(config)["service_level_share"] if cell else None
        if level is None:
            continue
        bar_h = plot_h * level
        y = top + plot_h - bar_h
        parts.append(f'<rect x="{x + slot * 0.18:.1f}" y="{y:.1f}" width="{slot * 0.64:.1f}" '
                     f'height="{bar_h:.1f}" fill="{BLUE}"/>')  # fmt: skip
        labels += [
            f'<rect x="{x + slot / 2 - 16:.1f}" y="{y - 20:.1f}" width="32" height="17" '
            'fill="#FFFFFF"/>',
            f'<text x="{x + slot / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" '
            f'font-size="13" fill="#111111">{round(level * 100)}</text>',
        ]
    target_y = top + plot_h * (1 - config.service_level.share)
    parts.append(f'<line x1="{left}" y1="{target_y:.1f}" x2="{width - 12}" y2="{target_y:.1f}" '
                 f'stroke="{RED}" stroke-width="3" stroke-dasharray="10,6"/>')  # fmt: skip
    parts += labels
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 12}" y2="{top + plot_h}" '
                 f'stroke="#333333" stroke-width="1.5"/>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def page(
    published: Published,
    config: SiteConfig,
    language: str,
    made: date,
    chart: str | None = None,
    links: bool = False,
    poster: bool = False,
) -> str:
    """The page; ``chart``: what stands for the chart (default the inline SVG; the poster
    passes an ``<img>``); ``links``: the language links of the web page; ``poster``: type
    sizes for A3 paper read from a few steps away."""
    t = TEXT[language]
    target = config.service_level
    fmt = {"minutes": target.minutes, "target": share(target.share, language)}
    total = published.total()
    head = total.figures(config)
    answers = head["feedback_answers"]
    kpis = [
        (number(head["visitors"], language), t["visitors"]),
        (whole_share(head["service_level_share"], language), t["level"].format(**fmt)),
        (minutes(head["wait_p50_s"], language), t["wait"]),
        (whole_share(head["solved_share"], language), t["solved"]),
        (whole_share(head["satisfaction_share"], language),
         t["satisfied"] if answers is None
         else f"{t['satisfied']} ({t['answers'].format(answers=number(answers, language))})"),
    ]  # fmt: skip
    if not published.partners:
        return notice_page(config, published.year, language, "none", links, poster)
    out = _head(config, published.year, language, links, poster)
    names = ", ".join(site_name(config, s, published) for s in published.sites())
    covers = "sites" if len(published.sites()) > 1 else "site_one"
    out += [
        f'<p class="h1">{escape(config.site.name)}</p>',
        f'<p class="h2">{escape(t["title"].format(year=published.year))}</p>',
        f'<p class="lead">{escape(t["lead"].format(year=published.year))}</p>',
        f'<p class="lead"><b>{escape(t[covers].format(names=names))}</b></p>',
        '<table width="100%" cellspacing="8"><tr>',
    ]
    for value, caption in kpis:
        out.append(
            f'<td width="20%" valign="top" style="border:2px solid {GREY}">'
            f'<div class="kpi">{escape(value)}</div><div class="cap">{escape(caption)}</div></td>'
        )
    out += ["</tr></table>", f'<p class="h3">{escape(t["by_partner"])}</p>']
    out.append(_partner_table(published, config, language, fmt))
    out += [
        f'<p class="h3">{escape(t["chart"].format(**fmt))}</p>',
        chart if chart is not None else chart_svg(published, config, language),
        f'<p class="small">{escape(t["chart_note"])}</p>',
        '<p class="small">'
        + escape(
            t["method"].format(
                start=day_text(published.start, language),
                end=day_text(published.end, language),
                min=MIN_CELL,
            )
        )
        + "</p>",
        f'<p class="small">{escape(t["open_data"])} '
        f"{escape(t['made'].format(day=day_text(made, language)))}</p>",
        "</body></html>",
    ]
    return "\n".join(out)


def notice_page(
    config: SiteConfig, year: int, language: str, why: str, links: bool = False,
    poster: bool = False,
) -> str:
    """A page saying why ``year`` has no figures: ``why`` "none" (too few visits) or
    "later" (the year is not over: its figures are published once, when it is)."""
    t = TEXT[language]
    out = _head(config, year, language, links, poster)
    out += [
        f'<p class="h1">{escape(config.site.name)}</p>',
        f'<p class="h2">{escape(t["title"].format(year=year))}</p>',
        f'<p class="lead">{escape(t[why].format(year=year, next=year + 1))}</p>',
        "</body></html>",
    ]
    return "\n".join(out)


def _head(config: SiteConfig, year: int, language: str, links: bool, poster: bool
          ) -> list[str]:  # fmt: skip
    t = TEXT[language]
    out = [
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(t['title'].format(year=year))} — {escape(config.site.name)}</title>",
        f"<style>{POSTER_CSS if poster else WEB_CSS}</style></head><body>",
    ]
    if links:
        out.append(
            '<p class="small">'
            + " · ".join(
                f'<a href="?lang={code}">{code.upper()}</a>' if code != language else code.upper()
                for code in LANGUAGES
            )
            + "</p>"
        )
    return out


def _partner_table(published: Published, config: SiteConfig, language: str, fmt: dict) -> str:
    t = TEXT[language]
    headers = [t["partner"], t["col_visitors"], t["col_wait"], t["col_level"].format(**fmt),
               t["col_solved"], t["col_satisfied"]]  # fmt: skip
    rows = [
        '<table class="partners" width="100%" cellspacing="0">',
        "<tr>"
        + "".join(
            f'<th style="border-bottom:2px solid #111"'
            f'{" class=num align=right" if i else " width=34%"}>{escape(h)}</th>'
            for i, h in enumerate(headers)
        )
        + "</tr>",
    ]
    cells: list[tuple[Cell, bool]] = [(c, False) for c in published.by_partner()]
    cells.append((published.total(), True))
    for index, (cell, is_total) in enumerate(cells):
        f = cell.figures(config)
        name = t["total"] if is_total else t["other"] if cell.key == OTHER else cell.key
        values = [number(f["visitors"], language), minutes(f["wait_p50_s"], language),
                  whole_share(f["service_level_share"], language),
                  whole_share(f["solved_share"], language),
                  whole_share(f["satisfaction_share"], language)]  # fmt: skip
        style = "font-weight:bold;border-top:2px solid #111" if is_total else ""
        shade = ' bgcolor="#EEF1F4"' if index % 2 and not is_total else ""
        rows.append(
            f'<tr{shade} style="{style}"><td>{escape(name)}</td>'
            + "".join(f'<td class="num" align="right">{escape(v)}</td>' for v in values)
            + "</tr>"
        )
    rows.append("</table>")
    return "".join(rows)
