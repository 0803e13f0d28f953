"""Render rate of the staff schedule page against a bare Django view served the same way.

Prints one JSON line: requests per second and latency for both, and the ratio.
"""

import json
import re
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import demo_server, login_cookie, measure

SECONDS = 4.0
CONCURRENCY = 8


def main() -> None:
    with demo_server() as base:
        cookie = login_cookie(base, "office", "ipweek-demo-2027")
        request = urllib.request.Request(base + "/campaigns/", headers={"Cookie": cookie})
        listing = urllib.request.urlopen(request).read().decode()
        campaign = re.search(r'href="/campaigns/(\d+)/">2027年湖州市', listing).group(1)
        path = f"/campaigns/{campaign}/schedule/"
        measure(base, path, seconds=1, concurrency=2, cookie=cookie)  # warm-up
        baseline = measure(base, "/healthz", seconds=SECONDS, concurrency=CONCURRENCY)
        page = measure(base, path, seconds=SECONDS, concurrency=CONCURRENCY, cookie=cookie)
    print(
        json.dumps(
            {
                "bench": "schedule_page",
                "schedule": page,
                "bare_view": baseline,
                "ratio": round(page["rps"] / baseline["rps"], 3),
                "concurrency": CONCURRENCY,
                "seconds": SECONDS,
            }
        )
    )


if __name__ == "__main__":
    main()
