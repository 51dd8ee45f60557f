"""`formgen serve`: the office web app over the inbox and outbox (docs/web.md).

app.py (the application, who asks, ids → files), pages.py (dashboard, lists, a case, calendars),
edit.py (forms, saves, parties, filed, attachments, login), schemaform.py (forms from the schema),
builds.py (the build worker), security.py (users, throttle, CSRF, audit log), kinds.py (names).
"""
