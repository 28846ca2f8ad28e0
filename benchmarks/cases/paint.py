"""Child: start one app headless at 100x30, wait for its first full paint, exit.

Usage: python paint.py bare|ours|big|many [GENERATED_CONTENT_DIR]

bare: the baseline app. ours: OptOutApp on the shipped catalog. big: on the shipped catalog
plus the generated 1,000-step guide, which it opens. many: on the shipped catalog plus 50
generated guides (``--content``), opening the same guide as ``ours``.

The clock starts on the first line, before any other import. After ``pilot.pause()`` (the
screen has processed everything queued by mounting and painted), the whole frame is also
encoded to terminal bytes, as a real terminal driver would, and checked for the text that
must be on it. One JSON line on stdout reports the phases, measured with perf_counter from
the top of this script, and the wall-clock time of the first paint (for the parent to
subtract its launch time from).
"""

import time

T0 = time.perf_counter()
W0 = time.time()

import json  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (100, 30)
BIG_GUIDE = "bench-1000"  # generate.GUIDE_ID, not imported: the clock is running
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def peak_rss_kib() -> int:
    """This process's own peak RSS: VmHWM on Linux, which starts afresh at exec.

    ``ru_maxrss`` (from getrusage or wait4) also counts the parent's memory as it was at
    fork, so a small child launched from a larger parent reports the parent's size.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def since(t: float | None = None) -> float:
    return ((t if t is not None else time.perf_counter()) - T0) * 1000


def main() -> int:
    which = sys.argv[1]
    marks: dict[str, Any] = {"case": which, "start_wall": W0}
    if which == "bare":
        from bare_app import BareApp

        marks["imported_ms"] = since()
        app: Any = BareApp()
    else:
        from compat import first_step_title, load_catalog, optout_app

        app_class = optout_app()
        marks["imported_ms"] = since()
        if which in ("big", "many"):
            # Exactly what `optout-tui --content DIR` does, with the cache in
            # $OPTOUT_TUI_CACHE_DIR (warm after the warm-up round unless the runner gave an
            # empty folder). The 1,000-step guide is opened; with many extra guides the app
            # opens the same guide as with the shipped catalog alone.
            catalog = load_catalog([Path(sys.argv[2])])
            guide = {"guide_id": BIG_GUIDE} if which == "big" else {}
            app = app_class(catalog=catalog, **guide)
        else:
            app = app_class()
    marks["constructed_ms"] = since()

    async def auto_pilot(pilot: Any) -> None:
        await pilot.pause()
        marks["painted_ms"] = since()
        marks["painted_wall"] = time.time()
        frame = app.screen._compositor.render_full_update().render_segments(app.console)
        marks["frame_bytes"] = len(frame.encode("utf-8"))
        expect = "Item 1 of tab one" if which == "bare" else first_step_title(app)
        marks["frame_ok"] = expect in ANSI.sub("", frame)
        marks["framed_ms"] = since()
        app.exit(0)

    app.run(headless=True, size=SIZE, auto_pilot=auto_pilot)
    marks["exited_ms"] = since()
    marks["peak_rss_kib"] = peak_rss_kib()
    marks["ru_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tui = sys.modules.get("tui")  # the checkout measured: the runner checks it is --root
    marks["tui"] = str(Path(tui.__file__).parent.parent) if tui and tui.__file__ else ""
    print(json.dumps(marks), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
