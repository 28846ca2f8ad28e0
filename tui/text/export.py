"""A dated record of what a person did, for anyone who wants proof of when they opted out.

Built from the progress file and the guide, as JSON (for machines) or Markdown (for people).
It names the guide revision and the sources, so the record says what was followed, not only
when. No Textual or Rich: ``optout-tui export`` must stay a plain, fast command.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from ..catalog import Catalog, Guide
from .i18n import Strings
from .plain import local_date


def build(
    catalog: Catalog,
    guide: Guide,
    devices: dict[str, dict[str, Any]],
    lang: str,
    region: str | None,
) -> dict[str, Any]:
    """Everything the record says, as plain data: one source for both formats."""
    text = guide.text(lang)
    record: dict[str, Any] = {
        "record": "optout-tui",
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
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
        stored = devices.get(device.id, {})
        ticks = stored.get("ticks", {})
        record["devices"].append(
            {
                "id": device.id,
                "name": text.devices[device.id].name,
                "ticked_against_revision": stored.get("revision"),
                "completed": stored.get("completed"),
                "completed_revision": stored.get("completed_revision"),
                "steps": [
                    {
                        "id": step.id,
                        "title": step.words(lang).title,
                        "ticked": ticks.get(step.id),
                        "sources": list(step.sources),
                    }
                    for step in guide.device_steps(device.id)
                ],
                "earlier_checks": stored.get("history", []),
            }
        )
    return record


def to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)


def to_markdown(record: dict[str, Any], s: Strings) -> str:
    guide = record["guide"]
    lines = [
        f"# {guide['title']}",
        "",
        f"- {s('record_setting')}{s('colon')}{guide['setting']}",
        f"- {s('record_guide')}{s('colon')}{guide['id']}, {s('revision')} {guide['revision']}",
        f"- {s('verified_on', date=guide['last_verified'])}",
        f"- {s('record_exported')}{s('colon')}{local_date(record['exported'])}",
    ]
    if record["region_name"]:
        lines.append(f"- {s('region')}{s('colon')}{record['region_name']}")
    for device in record["devices"]:
        lines += ["", f"## {device['name']}", ""]
        if device["completed"]:
            lines.append(
                s(
                    "record_completed",
                    date=local_date(device["completed"]),
                    revision=device["completed_revision"],
                )
            )
        else:
            lines.append(s("record_not_completed"))
        lines.append("")
        for number, step in enumerate(device["steps"], start=1):
            when = local_date(step["ticked"]) if step["ticked"] else s("record_not_ticked")
            cites = "".join(f"[{n}]" for n in step["sources"])
            box = "x" if step["ticked"] else " "
            lines.append(f"{number}. [{box}] {step['title']} ({when}) {cites}")
        for old in device["earlier_checks"]:
            if old.get("completed"):
                lines.append("")
                lines.append(
                    s(
                        "record_earlier",
                        date=local_date(old["completed"]),
                        revision=old.get("completed_revision", "?"),
                    )
                )
    lines += ["", f"## {s('sources')}", ""]
    for source in record["sources"]:
        where = f" <{source['url']}>" if source["url"] else ""
        lines.append(f"[{source['number']}] {source['title']}{where}")
    return "\n".join(lines) + "\n"


def default_filename(guide: Guide, fmt: str, today: date | None = None) -> str:
    today = today or date.today()
    return f"optout-tui-{guide.id}-{today.isoformat()}.{fmt}"
