"""Web hardening: the deployment checklist passes with production settings, and every page
carries a Content-Security-Policy that would stop an injected script."""

import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_django_deploy_checks_pass_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "DEBUG": "false",
        "GONGKAI_DEMO": "false",
        "HTTPS": "true",
        "SECRET_KEY": "k" * 20 + "production-secret-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "gongkai.example.gov.cn",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    for inherited in ("SECURE_COOKIES", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(inherited, None)
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pages_forbid_inline_scripts_and_carry_none(client, township):
    for url in (
        reverse("portal:home"),
        reverse("portal:agency", args=[township.index_prefix]),
        reverse("portal:apply", args=[township.index_prefix]),
        reverse("portal:lookup"),
        reverse("office:login"),
    ):
        response = client.get(url, follow=True)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url  # no inline script
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handler
