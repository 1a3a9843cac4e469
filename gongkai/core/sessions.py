"""Idle expiry without a write on every request (issue 25).

A staff session ends SESSION_COOKIE_AGE after the last request. Django's
SESSION_SAVE_EVERY_REQUEST measures that by rewriting the session row on every request — on
the 工作台 three of its statements (savepoint, update, release) for nothing the page
changed. This middleware renews the session only when its last renewal is RENEW_SECONDS old
or more (or when the page changed it anyway), so idle expiry falls between
SESSION_COOKIE_AGE − RENEW_SECONDS and SESSION_COOKIE_AGE after the last request: with the
default 30 minutes, after 29 to 30 idle minutes, never later."""

from __future__ import annotations

import time

from django.contrib.sessions.middleware import SessionMiddleware

RENEW_SECONDS = 60
RENEWED = "_gongkai_renewed"  # the epoch second of the last renewal, in the session's data


class IdleSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and session.modified:
            session[RENEWED] = int(time.time())  # saved anyway: the renewal rides along
        elif session is not None and session.session_key:
            accessed = session.accessed
            renewed = session.get(RENEWED)  # loads it, as saving it on every request did
            now = int(time.time())
            # a cookie whose session is gone loads as empty and keyless: nothing to renew
            if session.session_key and (renewed is None or now - renewed >= RENEW_SECONDS):
                session[RENEWED] = now  # modified: saved below, and the cookie renewed
            # reading the stamp is not the page's use of the session (no "Vary: Cookie")
            session.accessed = accessed
        return super().process_response(request, response)
