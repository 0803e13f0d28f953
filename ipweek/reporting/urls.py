"""Routes of the reporting app, one module per area, all under /campaigns/<pk>/."""

from ipweek.reporting.urls_filings import urlpatterns as filing_urls
from ipweek.reporting.urls_levels import urlpatterns as level_urls
from ipweek.reporting.urls_reports import urlpatterns as report_urls
from ipweek.reporting.urls_summary import urlpatterns as summary_urls

app_name = "reporting"

urlpatterns = [*filing_urls, *report_urls, *level_urls, *summary_urls]
