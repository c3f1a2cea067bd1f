"""The phone status page behind the ticket's QR code: plain HTML that refreshes itself.

No script, no cookie, nothing to install: it works on any phone on the site Wi-Fi. It shows
the number, the service, the position and the wait, or where to go once called. A wrong
token gets a bare 404 that says nothing about which tickets exist.
"""

from __future__ import annotations

from html import escape

from kiosk.siteconfig import SiteConfig
from kiosk.store.models import Ticket

REFRESH_S = 15

TEXT = {
    "fr": {
        "title": "Votre ticket",
        "service": "Service",
        "position": "Votre position",
        "wait": "Attente estimée",
        "minutes": "environ {n} min",
        "soon": "vous êtes le prochain",
        "called": "C'est à vous ! Rendez-vous au {counter}.",
        "serving": "Vous êtes reçu(e) au {counter}.",
        "done": "Merci de votre visite.",
        "no_show": "Votre numéro a été appelé en votre absence. Adressez-vous à l'accueil.",
        "cancelled": "Ce ticket a été annulé. Adressez-vous à l'accueil si besoin.",
        "transferred": "Votre demande a été orientée vers un autre service.",
        "refresh": "Cette page se met à jour toute seule.",
        "other": "English",
        "nth": "{n}e",
        "first": "1er",
        "ask": "Comment s'est passée votre visite ?",
        "thanks": "Merci pour votre avis !",
        "faces": ("Bien", "Moyen", "Pas bien"),
    },
    "en": {
        "title": "Your ticket",
        "service": "Service",
        "position": "Your place in line",
        "wait": "Estimated wait",
        "minutes": "about {n} min",
        "soon": "you are next",
        "called": "It's your turn! Please go to {counter}.",
        "serving": "You are being seen at {counter}.",
        "done": "Thank you for your visit.",
        "no_show": "Your number was called while you were away. Please ask at reception.",
        "cancelled": "This ticket was cancelled. Please ask at reception if needed.",
        "transferred": "Your request was passed to another service.",
        "refresh": "This page updates by itself.",
        "other": "Français",
        "nth": "{n}",
        "first": "1",
        "ask": "How was your visit?",
        "thanks": "Thank you for your answer!",
        "faces": ("Good", "All right", "Not good"),
    },
    "nl": {
        "title": "Uw ticket",
        "service": "Dienst",
        "position": "Uw plaats in de rij",
        "wait": "Geschatte wachttijd",
        "minutes": "ongeveer {n} min",
        "soon": "u bent de volgende",
        "called": "U bent aan de beurt! Ga naar {counter}.",
        "serving": "U wordt geholpen bij {counter}.",
        "done": "Bedankt voor uw bezoek.",
        "no_show": "Uw nummer werd afgeroepen toen u er niet was. Vraag het aan de balie.",
        "cancelled": "Dit ticket is geannuleerd. Vraag het zo nodig aan de balie.",
        "transferred": "Uw vraag is doorgestuurd naar een andere dienst.",
        "refresh": "Deze pagina wordt vanzelf bijgewerkt.",
        "other": "Français",
        "nth": "{n}",
        "first": "1",
        "ask": "Hoe was uw bezoek?",
        "thanks": "Bedankt voor uw antwoord!",
        "faces": ("Goed", "Gaat wel", "Niet goed"),
    },
}

STYLE = """
body{font-family:sans-serif;margin:0;padding:1.2em;background:#fff;color:#111;max-width:32em}
h1{font-size:1.2em;margin:0 0 .5em}.number{font-size:4.5em;font-weight:bold;margin:.1em 0}
.state{font-size:1.4em;background:#FFF3C4;padding:.6em;border-radius:.3em}
dl{font-size:1.2em}dt{color:#444}dd{margin:0 0 .6em;font-weight:bold}
small{color:#444}a{color:#0645AD}
.faces button{font-size:2.2em;margin:.2em;padding:.3em .5em;border:2px solid #444;
border-radius:.4em;background:#fff;min-width:3.2em}.faces small{font-size:.4em}
"""


def render(
    config: SiteConfig,
    ticket: Ticket,
    position: int,
    wait_s: int,
    language: str,
    answered: bool = False,
) -> str:
    """The page; once the visit is done it asks for the three-face feedback (a plain form:
    no script), or thanks the visitor who ``answered``."""
    text = TEXT.get(language, TEXT["fr"])
    lang = language if language in TEXT else "fr"
    service = config.services_by_code.get(ticket.service)
    label = service.labels.get(lang) if service else ticket.service
    counter = config.counters_by_id.get(ticket.counter or "")
    counter_name = counter.name if counter else (ticket.counter or "")
    if ticket.status == "waiting":
        place = text["first"] if position == 1 else text["nth"].format(n=position)
        wait = (
            text["soon"] if position <= 1 else text["minutes"].format(n=max(1, round(wait_s / 60)))
        )
        body = (
            f"<dl><dt>{text['position']}</dt><dd>{escape(place)}</dd>"
            f"<dt>{text['wait']}</dt><dd>{escape(wait)}</dd></dl>"
        )
    else:
        message = text.get(ticket.status, "").format(counter=escape(counter_name))
        body = f'<p class="state" role="status">{message}</p>'
        if ticket.status == "done":
            body += _feedback(text, lang, answered)
    other = "en" if lang != "en" else "fr"
    refresh = (
        ""
        if ticket.status in ("done", "cancelled")
        else (f'<meta http-equiv="refresh" content="{REFRESH_S}">')
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">{refresh}'
        f"<title>{escape(ticket.number)} – {escape(text['title'])}</title>"
        f"<style>{STYLE}</style></head><body>"
        f"<h1>{escape(config.site.name)}</h1>"
        f'<div>{text["title"]}</div><div class="number">{escape(ticket.number)}</div>'
        f"<div>{text['service']} : <b>{escape(label)}</b></div>{body}"
        f"<p><small>{text['refresh']}</small> "
        f'<a href="?lang={other}">{text["other"]}</a></p></body></html>'
    )


FACES = ((3, "🙂"), (2, "😐"), (1, "🙁"))


def _feedback(text: dict, lang: str, answered: bool) -> str:
    if answered:
        return f"<p>{escape(text['thanks'])}</p>"
    buttons = "".join(
        f'<button name="score" value="{score}" aria-label="{escape(caption)}">'
        f"{face}<br><small>{escape(caption)}</small></button>"
        for (score, face), caption in zip(FACES, text["faces"], strict=True)
    )
    return (
        f"<p>{escape(text['ask'])}</p>"
        f'<form method="post" action="feedback?lang={lang}" class="faces">{buttons}</form>'
    )


def not_found() -> str:
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>404</title>'
        "</head><body><p>Ticket introuvable / Ticket not found.</p></body></html>"
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
