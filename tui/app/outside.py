"""What leaves the app: a link handed to the browser, text to the terminal's clipboard, a
record written to a file. The app opens no connection itself; opening a link is the
browser's job, and only ``https://`` links (all the validator accepts) are ever handed on."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Guide, Step
from ..progress.files import write_private_file
from ..text import export as record
from .host import Host


def step_link(step: Step | None) -> str | None:
    """The step's link, if it is one a browser may be given (the validator allows no other)."""
    url = step.link if step is not None else None
    return url if url and url.startswith("https://") else None


def copy_for_step(app: Host, guide: Guide, step: Step | None, lang: str) -> None:
    """A step's ready-to-paste text if it has one, else its link, else the guide's."""
    words = step.words(lang) if step is not None else None
    if words is not None and words.copy:
        copy_text(app, words.copy)
    else:
        copy_link(app, step_link(step) or guide.link)


def show_qr(app: Host, guide: Guide, lang: str) -> None:
    """The guide's link as a QR code, full screen."""
    if not guide.link:
        app.say(app.strings_for(lang)("no_link"))
        return
    from .screens.qr import QRScreen

    app.push_screen(QRScreen(guide.link, app.strings_for(lang)("qr_screen_caption")))


def open_link(app: Host, url: str | None) -> None:
    if url is None or not url.startswith("https://"):
        app.say(app.s("no_link"))
    elif open_in_browser(url):
        app.say(app.s("opened_link", url=url))
    else:
        app.say(app.s("open_failed", url=url), timeout=20)


def copy_link(app: Host, url: str | None) -> None:
    """OSC 52 (works over SSH too); many terminals drop it silently, so the link is shown."""
    if url is None:
        app.say(app.s("no_link"))
        return
    app.copy_to_clipboard(url)
    app.say(app.s("copied", url=url), timeout=15)


def copy_text(app: Host, text: str) -> None:
    app.copy_to_clipboard(text)
    app.say(app.s("copied_text", text=text), timeout=20)


def export(app: Host, guide: Guide) -> Path | None:
    """The dated record, written into the current folder (never through a planted link)."""
    saved = app.saver.guide(guide.id)
    devices = {d.id: saved.device(d.id) for d in guide.devices}
    data = record.build(app.catalog, guide, devices, app.lang, app.region)
    path = Path.cwd() / record.default_filename(guide, "md")
    try:
        write_private_file(path, record.to_markdown(data, app.s))
    except OSError as exc:
        app.say(app.s("not_saved", reason=exc.strerror or str(exc)), "error", 15)
        return None
    from .screens.confirm import MessageScreen

    app.push_screen(MessageScreen(app.s("exported_title"), str(path)))
    return path


def open_in_browser(url: str) -> bool:
    """Hand the link to a graphical browser; a console one would take over this terminal."""
    import webbrowser  # only when a link is opened: it is slow to import

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.GenericBrowser) and not isinstance(
        browser, webbrowser.BackgroundBrowser
    ):
        return False
    try:
        return bool(browser.open(url, new=2))
    except Exception:  # a broken browser setup must not crash the checklist
        return False
