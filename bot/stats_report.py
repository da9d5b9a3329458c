"""The admin's /stats text: uptime, latency per command, memory, the catalogue and its last load."""

from __future__ import annotations

from datetime import UTC, datetime

from moviebot.bot.formatting import esc, number, truncate
from moviebot.bot.i18n import t
from moviebot.core.served import Service, memory_mb


def stats_text(service: Service, lang: str, *, paths: bool = True) -> str:
    """The /stats answer; `paths=False` leaves out file names and load errors (groups)."""
    stats = service.stats
    info = service.info
    seconds = int(stats.uptime)
    uptime = (
        f"{seconds // 86400}d {seconds % 86400 // 3600}h {seconds % 3600 // 60}m {seconds % 60}s"
    )
    text = t(
        lang,
        "stats",
        uptime=uptime,
        version=esc(info.data_version if info else "–"),
        movies=number(info.movies, lang) if info else 0,
        requests=sum(stats.requests.values()),
        errors=sum(stats.errors.values()),
        p50=stats.percentile(0.50) * 1000,
        p99=stats.percentile(0.99) * 1000,
    )
    if stats.percentile(0.5, replies=True):
        text += "\n" + t(
            lang,
            "stats_replies",
            p50=stats.percentile(0.50, replies=True) * 1000,
            p99=stats.percentile(0.99, replies=True) * 1000,
        )
    if info:
        signal = t(lang, "stats_signal_hybrid" if info.has_ratings else "stats_signal_content")
        text += "\n" + t(
            lang,
            "stats_catalogue",
            path=esc(info.path) if paths else t(lang, "stats_private_only"),
            built=esc(info.built_at[:16].replace("T", " ")),
            people=number(info.people, lang),
            signal=signal,
        )
    rss, peak = memory_mb()
    if rss is not None:
        text += "\n" + t(lang, "stats_memory", rss=f"{rss:.0f}", peak=f"{peak or rss:.0f}")
    if service.last_reload is None:
        text += "\n" + t(lang, "stats_no_load")
    else:
        at, result = service.last_reload
        when = datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M")
        if result.ok:
            text += "\n" + t(lang, "stats_load_ok", when=when, seconds=result.seconds)
        else:
            reason = (esc(truncate(result.reason or "?", 200)) if paths
                      else t(lang, "stats_private_only"))
            text += "\n" + t(lang, "stats_load_failed", when=when, reason=reason)
    if stats.requests:
        text += "\n" + t(lang, "stats_by_command")
        for name, n in stats.requests.most_common():
            text += "\n" + t(
                lang,
                "stats_command",
                name=esc(name),
                n=n,
                errors=stats.errors.get(name, 0),
                p50=stats.command_percentile(name, 0.50) * 1000,
                p99=stats.command_percentile(name, 0.99) * 1000,
            )
    return text
