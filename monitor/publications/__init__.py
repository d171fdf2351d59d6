"""What the monitor publishes: editions per reporting date, and the pages, files and PDFs made of them.

`reporting_dates` offers the fixed dates; `cells` names every published number; `editions` reads stored
editions as `PublishedTable`s; `report_content` fills a report; `charts`, `exports` draw and write the
published cells; `forms` and `selectors` serve the report pages.
"""
