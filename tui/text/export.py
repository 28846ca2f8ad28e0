"""A dated record of what a person did, for anyone who wants proof of when they opted out.

Built from the progress file and the guide, as JSON (for machines) or Markdown (for people).
It names the guide revision and the sources, so the record says what was followed, not only
when. No Textual or Rich: ``optout-tui export`` must stay a plain, fast command.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from .. import clock
from ..catalog import Catalog, Guide
from ..progress.records import DeviceRecord, as_device
from .dates import written_date
from .i18n import Strings
from .plain import stamp_date
from .terminal import safe_json, visible


def build(
    catalog: Catalog,
    guide: Guide,
    devices: Mapping[str, DeviceRecord | Mapping[str, Any]],
    lang: str,
    region: str | None,
) -> dict[str, Any]:
    """Everything the record says, as plain data: one source for both formats."""
    text = guide.text(lang)
    record: dict[str, Any] = {
        "record": "optout-tui",
        "exported": clock.now().isoformat(timespec="seconds"),
        "language": lang,
        "region": region,
        "region_name": catalog.region_name(region, lang) if region else None,
        "guide": {
            "id": guide.id,
            "title": text.title,
            "setting": text.setting,
            "revision": guide.revision,
            "last_verified": guide.last_verified.isoformat(),
        },
        "devices": [],
        "sources": [
            {"number": n, "title": s.title, "url": s.url, "kind": s.kind}
            for n, s in sorted(guide.sources.items())
        ],
    }
    for device in guide.devices:
        stored = as_device(devices.get(device.id))
        ticks = stored.ticks
        record["devices"].append(
            {
                "id": device.id,
                "name": text.devices[device.id].name,
                "ticked_against_revision": stored.revision,
                "completed": stored.completed,
                "completed_revision": stored.completed_revision,
                "steps": [
                    {
                        "id": step.id,
                        "title": step.words(lang).title,
                        "ticked": ticks.get(step.id),
                        "sources": list(step.sources),
                    }
                    for step in guide.device_steps(device.id)
                ],
                "earlier_checks": [old.as_data() for old in stored.history],
            }
        )
    return record


def to_json(record: dict[str, Any]) -> str:
    """The record as JSON (ISO times), with nothing a terminal would obey left raw."""
    return safe_json(json.dumps(record, ensure_ascii=False, indent=2)) + "\n"


def to_markdown(record: dict[str, Any], s: Strings) -> str:
    """The record for people: dates as their language writes them, sources as a list.

    Every value that came from the progress file (times, revisions, the region) is printed
    through :func:`visible`, so a planted escape sequence is shown, never obeyed.
    """
    lang = record["language"]
    guide = record["guide"]
    verified = written_date(date.fromisoformat(guide["last_verified"]), lang)
    lines = [
        f"# {guide['title']}",
        "",
        f"- {s('record_setting')}{s('colon')}{guide['setting']}",
        f"- {s('record_guide')}{s('colon')}{guide['id']}, {s('revision')} {guide['revision']}",
        f"- {s('verified_on', date=verified)}",
        f"- {s('record_exported')}{s('colon')}{stamp_date(record['exported'], lang)}",
    ]
    if record["region_name"]:
        lines.append(f"- {s('region')}{s('colon')}{visible(record['region_name'])}")
    for device in record["devices"]:
        lines += ["", f"## {device['name']}", ""]
        if device["completed"]:
            when = stamp_date(device["completed"], lang)
            revision = visible(device["completed_revision"])
            lines.append(s("record_completed", date=when, revision=revision))
        else:
            lines.append(s("record_not_completed"))
        lines.append("")
        for number, step in enumerate(device["steps"], start=1):
            ticked = step["ticked"]
            when = stamp_date(ticked, lang) if ticked else s("record_not_ticked")
            cites = "".join(f"[{n}]" for n in step["sources"])
            box = "x" if ticked else " "
            lines.append(f"{number}. [{box}] {step['title']} ({when}) {cites}")
        for old in device["earlier_checks"]:
            if old.get("completed"):
                when = stamp_date(str(old["completed"]), lang)
                revision = visible(old.get("completed_revision", "?"))
                lines += ["", s("record_earlier", date=when, revision=revision)]
    lines += ["", f"## {s('sources')}", ""]
    for source in record["sources"]:
        where = f" <{source['url']}>" if source["url"] else ""
        lines.append(f"- [{source['number']}] {source['title']}{where}")
    return "\n".join(lines) + "\n"


def default_filename(guide: Guide, fmt: str, today: date | None = None) -> str:
    today = today or clock.today()
    return f"optout-tui-{guide.id}-{today.isoformat()}.{fmt}"
