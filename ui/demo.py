"""``kiosk demo``: the site's screens on the demo site, with an in-process hub.

``--shots DIR`` plays a short scripted morning headless (tickets in each language, a
priority ticket, a closed service tapped, a printer fault, the appointment and feedback
pages) and saves a PNG of each screen at each supported size, plus the preview tickets.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from config import site_file
from kiosk.clock import FixedClock
from ui.app import application, make_printer, open_session
from ui.event_loop import pump, wait_until

SIZES = {"portrait": (1080, 1920), "landscape": (1280, 800)}
DEMO_MORNING = datetime(2026, 11, 24, 9, 40, tzinfo=ZoneInfo("Europe/Paris"))  # a Tuesday


def run_demo(db_url: str | None = None) -> int:
    """The four screens in one window sized to the desktop, with a screen picker
    (:mod:`ui.demo_window`): nothing overflows a 1920×1080 desktop, nothing hides another."""
    from kiosk.client import HubClient
    from ui.counter.window import CounterWindow
    from ui.dashboard.window import DashboardWindow
    from ui.demo_window import DemoWindow
    from ui.display.window import DisplayWindow
    from ui.i18n import tr
    from ui.kiosk.window import KioskWindow

    app = application()
    session = open_session(site_file("demo"), None, db_url)
    kiosk = KioskWindow(session.client, make_printer(session.config))
    kiosk.may_close = True
    # The demo pairs its own screens with its in-process hub (a display, a counter terminal),
    # as a manager would approve them on a real site.
    devices = session.hub.hub.devices
    display = DisplayWindow(HubClient(session.client.base_url,  # a display of its own
                                      device_credential=devices.enroll("display")[1]))
    counter = CounterWindow(HubClient(session.client.base_url,  # a counter terminal of its own
                                      device_credential=devices.enroll("counter")[1]))
    dashboard = DashboardWindow(HubClient(session.client.base_url))  # a client of its own
    window = DemoWindow([(tr("Kiosk"), kiosk), (tr("Counter"), counter),
                         (tr("Waiting-room display"), display), (tr("Dashboard"), dashboard)],
                        session.config.site.name)
    window.fit_desktop()
    window.showMaximized()
    print(f"demo hub on {session.client.base_url} (OpenAPI at /docs); "
          "counter PIN 1234, manager PIN 9999", flush=True)
    try:
        return app.exec()
    finally:
        counter.live.stop()
        counter.client.close()
        if dashboard.live is not None:
            dashboard.live.stop()
        dashboard.client.close()
        session.close()


def take_shots(folder: Path) -> list[Path]:
    from printing import PrinterConfig, TicketPrinter
    from ui.kiosk.window import KioskWindow

    folder.mkdir(parents=True, exist_ok=True)
    tickets = folder / "tickets"
    application()
    clock = FixedClock(DEMO_MORNING)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        session = open_session(site_file("demo"), None, f"sqlite:///{scratch}/demo.db", clock)
        staff = session.client.__class__(session.client.base_url)
        staff.sign_in(counter="accueil", pin="1234")
        for code in ("ACC", "ACC", "CPAM", "CAF", "NUM"):  # people already waiting
            staff.issue_ticket(code)
        kiosk = KioskWindow(session.client, make_printer(session.config, tickets),
                            live=False, clock=clock.now)
        kiosk.may_close = True
        kiosk.show()

        def shot(name: str) -> None:
            for size_name, size in SIZES.items():
                kiosk.resize(*size)
                pump(120)
                kiosk.resize(*size)
                pump(120)
                path = folder / f"kiosk-{name}-{size_name}.png"
                kiosk.grab().save(str(path))
                saved.append(path)

        wait_until(lambda: kiosk.hub_ok)
        shot("welcome-fr")
        kiosk.choose_service("CPAM")
        shot("priority-fr")
        kiosk.issue("CPAM", False)
        wait_until(lambda: kiosk.ticket.print_status.text().startswith("Prenez"))
        shot("ticket-fr")
        kiosk.go_home()
        kiosk.set_language("en")
        shot("welcome-en")
        kiosk.choose_service("CPAM")
        shot("priority-en")
        kiosk.issue("CPAM", True)
        wait_until(lambda: kiosk.ticket.print_status.text().startswith("Please take"))
        shot("ticket-priority-en")
        kiosk.go_home()
        clock.advance(minutes=4)
        kiosk.set_language("nl")
        kiosk.issue("NUM", False)
        wait_until(lambda: kiosk.ticket.print_status.text().startswith("Neem"))
        shot("ticket-nl")
        kiosk.go_home()
        from ui.counter.shots import counter_shots

        saved += counter_shots(session, folder)
        # Tuesday 12:30: the CAF has closed here; Enquin-les-Mines holds it this afternoon
        # (its public schedule, as sync would bring it).
        _know_enquin(session, clock.now())
        clock.set(datetime(2026, 11, 24, 12, 30, tzinfo=ZoneInfo("Europe/Paris")))
        kiosk.refresh()
        wait_until(lambda: any(s.get("elsewhere") for s in kiosk.services_now))
        kiosk.choose_service("CAF")
        wait_until(lambda: kiosk.stack.currentWidget() is kiosk.closed)
        shot("closed-elsewhere-fr")
        kiosk.go_home()
        clock.set(datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Paris")))  # Wednesday
        kiosk.refresh()
        pump(300)
        kiosk.choose_service("CAF")
        wait_until(lambda: kiosk.stack.currentWidget() is kiosk.closed)
        shot("closed-fr")
        kiosk.printer = TicketPrinter(PrinterConfig.from_mapping(
            {"kind": "network", "host": "127.0.0.1", "port": _closed_port(), "timeout_s": 0.5}))
        kiosk.go_home()
        clock.advance(minutes=4)
        kiosk.issue("ACC", False)
        wait_until(lambda: kiosk.printer_fault is not None)
        shot("printer-fault-fr")
        kiosk.go_home()
        kiosk._open_appointment()
        for digit in "4821":
            kiosk.appointment.keypad.press(digit)
        shot("appointment-fr")
        kiosk.go_home()
        kiosk._open_feedback()
        shot("feedback-services-fr")
        kiosk.feedback.choose("ACC")
        shot("feedback-fr")
        kiosk.go_home()
        kiosk.toggle_contrast()
        shot("welcome-high-contrast")
        saved += counter_shots(session, folder, counter="bureau-2", empty=True)
        from ui.display.shots import display_shots

        saved += display_shots(session, clock, folder)
        from ui.dashboard.shots import dashboard_shots

        saved += dashboard_shots(folder)
        kiosk.close()
        staff.close()
        session.close()
    saved += sorted(tickets.glob("*.png"))
    return saved


def _know_enquin(session, now: datetime) -> None:
    """Store Enquin-les-Mines's public description in the demo hub, as sync would."""
    from kiosk.siteconfig.loader import load_site_config
    from kiosk.sync.peer_sites import SiteDescription, describe_site, store_description

    description = SiteDescription.model_validate(
        describe_site(load_site_config(site_file("enquin-les-mines"))))
    with session.hub.hub.store.write() as db:
        store_description(db, "enquin-les-mines", description, now)


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
