"""Public pages at 4·26 peak: the campaign home and schedule (cached, conditional) against a bare
Django view, both served by the same ``ipweek serve`` process, 32 keep-alive connections.

Prints one JSON line with req/s, p50 and p99 per page, and each page's ratio to the bare view.
Targets (DESIGN.md §6): ratio ≥ 0.5 and p99 < 50 ms.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import demo_server, measure

SECONDS = 5.0
CONCURRENCY = 32
PAGES = {"home": "/2027/huzhou/", "schedule": "/2027/huzhou/schedule/"}


def main() -> None:
    with demo_server() as base:
        for path in PAGES.values():
            measure(base, path, seconds=1, concurrency=4)  # warm the page cache
        bare = measure(base, "/healthz", seconds=SECONDS, concurrency=CONCURRENCY)
        pages = {name: measure(base, path, seconds=SECONDS, concurrency=CONCURRENCY) for name, path in PAGES.items()}
    result = {
        "bench": "portal",
        "concurrency": CONCURRENCY,
        "bare_view": bare,
        **pages,
        "ratios": {name: round(page["rps"] / bare["rps"], 3) for name, page in pages.items()},
        "targets": {"ratio": 0.5, "p99_ms": 50},
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
