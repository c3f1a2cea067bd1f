"""The phone status page behind the ticket's QR code: large, plain, and live.

The page is whole HTML from the first byte (number, service, position, wait, or where to
go), so it reads on any phone, with or without script. With script (``/t/assets/phone.js``)
it listens to ``/t/{token}/live`` and swaps in the new :func:`fragment` as soon as a
counter acts: no reload, no 15 s delay. Without script a ``<noscript>`` refresh keeps it
current. When the visitor is called, a full-width banner of high contrast says so (and the
phone vibrates where the browser allows). After the visit it asks for one answer of three
faces. A wrong or old token gets a kind page in the three languages that says what to do,
and nothing about which tickets exist.

Text is large (the root size follows the phone's own setting), contrast is above 7:1, and
every state has words, not only colours, for a visitor with poor sight.
"""

from __future__ import annotations

from html import escape

from kiosk.siteconfig import SiteConfig
from kiosk.store.models import Ticket

REFRESH_S = 15
LANGUAGES = ("fr", "en", "nl")
NATIVE = {"fr": "Français", "en": "English", "nl": "Nederlands"}
FINAL = ("done", "cancelled")

TEXT = {
    "fr": {
        "title": "Votre ticket",
        "service": "Service\u00a0:",
        "position": "Votre position",
        "wait": "Attente estimée",
        "minutes": "environ {n} min",
        "soon": "vous êtes le prochain",
        "turn": "C'est à vous\u00a0!",
        "again": "Rappel",
        "called": "Rendez-vous\u00a0: {counter}.",
        "serving": "Vous êtes reçu(e) en ce moment\u00a0: {counter}.",
        "done": "Merci de votre visite.",
        "no_show": "Votre numéro a été appelé en votre absence. Adressez-vous à l'accueil.",
        "cancelled": "Ce ticket a été annulé. Adressez-vous à l'accueil si besoin.",
        "transferred": "Votre demande a été orientée vers un autre service.",
        "refresh": "Cette page se met à jour toute seule.",
        "lost": "Connexion perdue, nouvelle tentative…",
        "nth": "{n}e",
        "first": "1er",
        "ask": "Comment s'est passée votre visite\u00a0?",
        "thanks": "Merci pour votre avis\u00a0!",
        "faces": ("Bien", "Moyen", "Pas bien"),
    },
    "en": {
        "title": "Your ticket",
        "service": "Service:",
        "position": "Your place in line",
        "wait": "Estimated wait",
        "minutes": "about {n} min",
        "soon": "you are next",
        "turn": "It's your turn!",
        "again": "Reminder",
        "called": "Please go to {counter}.",
        "serving": "You are being seen at {counter}.",
        "done": "Thank you for your visit.",
        "no_show": "Your number was called while you were away. Please ask at reception.",
        "cancelled": "This ticket was cancelled. Please ask at reception if needed.",
        "transferred": "Your request was passed to another service.",
        "refresh": "This page updates by itself.",
        "lost": "Connection lost, trying again…",
        "nth": "{n}",
        "first": "1",
        "ask": "How was your visit?",
        "thanks": "Thank you for your answer!",
        "faces": ("Good", "All right", "Not good"),
    },
    "nl": {
        "title": "Uw ticket",
        "service": "Dienst:",
        "position": "Uw plaats in de rij",
        "wait": "Geschatte wachttijd",
        "minutes": "ongeveer {n} min",
        "soon": "u bent de volgende",
        "turn": "U bent aan de beurt!",
        "again": "Herinnering",
        "called": "Ga naar {counter}.",
        "serving": "U wordt geholpen bij {counter}.",
        "done": "Bedankt voor uw bezoek.",
        "no_show": "Uw nummer werd afgeroepen toen u er niet was. Vraag het aan de balie.",
        "cancelled": "Dit ticket is geannuleerd. Vraag het zo nodig aan de balie.",
        "transferred": "Uw vraag is doorgestuurd naar een andere dienst.",
        "refresh": "Deze pagina wordt vanzelf bijgewerkt.",
        "lost": "Verbinding verbroken, opnieuw proberen…",
        "nth": "{n}",
        "first": "1",
        "ask": "Hoe was uw bezoek?",
        "thanks": "Bedankt voor uw antwoord!",
        "faces": ("Goed", "Gaat wel", "Niet goed"),
    },
}

KIND = {
    "fr": ("Nous ne trouvons pas ce ticket.",
           "Il date peut-être d'un autre jour. Prenez un nouveau ticket à la borne ou "
           "adressez-vous à l'accueil\u00a0: nous vous aiderons."),
    "en": ("We cannot find this ticket.",
           "It may be from another day. Please take a new ticket at the kiosk or ask at "
           "reception: we will help you."),
    "nl": ("We vinden dit ticket niet.",
           "Het is misschien van een andere dag. Neem een nieuw ticket aan de zuil of vraag "
           "het aan de balie: we helpen u graag."),
}

STYLE = """
html{font-size:125%;-webkit-text-size-adjust:100%}
body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:0;background:#fff;color:#111;
line-height:1.35}
main,footer{max-width:32rem;margin:0 auto;padding:1rem}
h1{font-size:1rem;font-weight:normal;margin:0 0 .4rem;color:#333}
.label{font-size:1rem;margin:0}
.number{font-size:min(4.2rem,17vw);overflow-wrap:anywhere;font-weight:bold;line-height:1.05;
margin:0 0 .3rem;letter-spacing:.04em}
.service{margin:0 0 1rem}
dl{display:grid;grid-template-columns:1fr auto;gap:.5rem 1rem;margin:0;font-size:1.1rem}
dt{color:#333}dd{margin:0;font-weight:bold;text-align:right;font-size:1.3rem}
.state{font-size:1.2rem;background:#FFF3C4;border-left:.4rem solid #7A5A00;padding:.7rem;
margin:1rem 0}
.turn{background:#000;color:#FFE600;border-radius:.4rem;padding:1rem;margin:1rem 0;
font-size:1.5rem;font-weight:bold;text-align:center;outline:none}
.turn strong{display:block;font-size:2.3rem;line-height:1.1;margin-bottom:.4rem}
.again{display:block;text-transform:uppercase;letter-spacing:.1em;margin-bottom:.3rem}
.faces{display:flex;gap:.5rem;flex-wrap:wrap}
.faces button{flex:1 1 0;font:inherit;padding:.5rem .2rem;min-height:3.2rem;
border:3px solid #111;border-radius:.5rem;background:#fff;color:#111}
.faces button span{display:block;font-size:.9rem;margin-top:.2rem}
footer{font-size:.9rem;color:#333}footer a{color:#0645AD;margin-right:1rem;display:inline-block;
padding:.3rem 0}
#auto{display:block}#link{display:block;background:#8B0000;color:#fff;padding:.5rem;margin-bottom:.5rem}
#link[hidden]{display:none}
@media (prefers-reduced-motion:no-preference){.turn{animation:pulse 1s ease-in-out 3}}
@keyframes pulse{50%{transform:scale(1.04)}}
"""


def language_of(asked: str | None, ticket_language: str) -> str:
    for candidate in (asked, ticket_language):
        if candidate in TEXT:
            return candidate
    return "fr"


def fragment(config: SiteConfig, ticket: Ticket, position: int, wait_s: int, lang: str,
             answered: bool = False, calls: int = 1) -> str:
    """What changes as the visit goes on: the inside of ``<main>``, sent again on each change.
    ``calls`` counts the call and its recalls: a recall says so (and vibrates again)."""
    text = TEXT[lang]
    service = config.services_by_code.get(ticket.service)
    label = service.labels.model_dump().get(lang) if service else ticket.service
    counter = config.counters_by_id.get(ticket.counter or "")
    counter_name = escape(counter.name if counter else (ticket.counter or ""))
    head = (
        f"<h1>{escape(config.site.name)}</h1>"
        f'<p class="label">{text["title"]}</p><p class="number">{escape(ticket.number)}</p>'
        f'<p class="service">{text["service"]} <b>{escape(label or "")}</b></p>'
    )
    if ticket.status == "waiting":
        place = text["first"] if position == 1 else text["nth"].format(n=position)
        wait = (
            text["soon"] if position <= 1 else text["minutes"].format(n=max(1, round(wait_s / 60)))
        )
        return head + (
            f"<dl><dt>{text['position']}</dt><dd>{escape(place)}</dd>"
            f"<dt>{text['wait']}</dt><dd>{escape(wait)}</dd></dl>"
        )
    if ticket.status == "called":
        again = f'<span class="again">{text["again"]}</span>' if calls > 1 else ""
        return head + (
            f'<div class="turn" id="turn" role="alert" tabindex="-1">{again}'
            f"<strong>{text['turn']}</strong>{text['called'].format(counter=counter_name)}</div>"
        )
    message = text.get(ticket.status, "").format(counter=counter_name)
    body = f'<p class="state" role="status">{message}</p>'
    if ticket.status == "done":
        body += _feedback(text, lang, answered, ticket.token)
    return head + body


def title(ticket: Ticket, lang: str) -> str:
    text = TEXT[lang]
    prefix = f"🔔 {text['turn']} " if ticket.status == "called" else ""
    return f"{prefix}{ticket.number} – {text['title']}"


def render(config: SiteConfig, ticket: Ticket, position: int, wait_s: int, language: str,
           answered: bool = False, calls: int = 1) -> str:
    """The whole page (``language`` as asked; the ticket's own when none or unknown)."""
    lang = language if language in TEXT else "fr"
    text = TEXT[lang]
    live = ticket.status not in FINAL
    refresh = f'<noscript><meta http-equiv="refresh" content="{REFRESH_S}"></noscript>'
    script = '<script src="assets/phone.js" defer></script>' if live else ""
    others = "".join(
        f'<a href="?lang={other}" hreflang="{other}" lang="{other}">{NATIVE[other]}</a>'
        for other in LANGUAGES if other != lang
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'{refresh if live else ""}'
        f"<title>{escape(title(ticket, lang))}</title><style>{STYLE}</style>{script}</head>"
        f'<body><main id="page" data-status="{ticket.status}" data-calls="{calls}" '
        f'data-live="{escape(ticket.token)}/live?lang={lang}" aria-live="polite">'
        f"{fragment(config, ticket, position, wait_s, lang, answered, calls)}</main>"
        f'<footer><span id="link" role="status" hidden>{text["lost"]}</span>'
        f'<span id="auto">{text["refresh"] if live else ""}</span> <span>{others}</span>'
        "</footer></body></html>"
    )


#: The three faces as drawings (every phone shows them; emoji fonts vary), mouth by score.
MOUTHS = {3: "M9 15 Q12 18.5 15 15", 2: "M9 15.5 H15", 1: "M9 16.5 Q12 13 15 16.5"}
FACE_SVG = (
    '<svg viewBox="0 0 24 24" width="56" height="56" aria-hidden="true" focusable="false">'
    '<circle cx="12" cy="12" r="10" fill="{fill}" stroke="#111" stroke-width="1.4"/>'
    '<circle cx="8.6" cy="9.5" r="1.3" fill="#111"/><circle cx="15.4" cy="9.5" r="1.3" '
    'fill="#111"/><path d="{mouth}" fill="none" stroke="#111" stroke-width="1.6" '
    'stroke-linecap="round"/></svg>'
)
FACE_FILL = {3: "#9BE08C", 2: "#FFE27A", 1: "#F7A8A0"}


def _feedback(text: dict, lang: str, answered: bool, token: str) -> str:
    if answered:
        return f'<p class="state">{escape(text["thanks"])}</p>'
    buttons = "".join(
        f'<button name="score" value="{score}" aria-label="{escape(caption)}">'
        + FACE_SVG.format(fill=FACE_FILL[score], mouth=MOUTHS[score])
        + f'<span aria-hidden="true">{escape(caption)}</span></button>'
        for score, caption in zip((3, 2, 1), text["faces"], strict=True)
    )
    return (
        f"<p>{escape(text['ask'])}</p>"
        f'<form method="post" action="{escape(token)}/feedback?lang={lang}" class="faces">'
        f"{buttons}</form>"
    )


RETENTION = {
    "fr": "Les tickets sont effacés après {days} jours.",
    "en": "Tickets are deleted after {days} days.",
    "nl": "Tickets worden na {days} dagen gewist.",
}


def not_found(
    language: str | None = None, site_name: str = "", retention_days: int | None = None
) -> str:
    """The kind page of a token the hub does not know (mistyped, from an old day, or removed
    with its ticket past the retention period): what to do, in each language, the asked one
    first; nothing about which tickets exist."""
    first = language if language in KIND else "fr"
    order = [first, *(other for other in LANGUAGES if other != first)]

    def kept(lang: str) -> str:
        if retention_days is None:
            return ""
        return f'<p class="state">{RETENTION[lang].format(days=retention_days)}</p>'

    parts = "".join(
        f'<section lang="{lang}"><p class="number" style="font-size:1.6rem">{KIND[lang][0]}</p>'
        f'<p class="state">{KIND[lang][1]}</p>{kept(lang)}</section>'
        for lang in order
    )
    return (
        f'<!doctype html><html lang="{first}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{KIND[first][0]}</title><style>{STYLE}</style></head>"
        f'<body><main id="page" data-status="unknown">'
        f'{f"<h1>{escape(site_name)}</h1>" if site_name else ""}{parts}</main></body></html>'
    )


def expired(days: int) -> str:
    """The page of a link that no longer leads anywhere: past retention, or never valid.

    One page for both, so that it tells nobody which tickets ever existed.
    """
    lines = (
        ("fr", f"Ce lien de ticket n'est plus valable. Les tickets sont effacés après {days} "
               "jours ; prenez un nouveau ticket à la borne si besoin."),
        ("en", f"This ticket link is no longer valid. Tickets are deleted after {days} days; "
               "take a new ticket at the kiosk if you need one."),
        ("nl", f"Deze ticketlink is niet meer geldig. Tickets worden na {days} dagen gewist; "
               "neem zo nodig een nieuw ticket aan de zuil."),
    )
    body = "".join(f'<p lang="{lang}">{escape(text)}</p>' for lang, text in lines)
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Lien expiré / Link expired</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )
