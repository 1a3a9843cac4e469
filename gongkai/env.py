"""Small typed readers of environment variables that refuse bad values.

Each raises ImproperlyConfigured naming the variable and what it expected, so a bad
deployment stops at start-up with a sentence instead of misbehaving later.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool = False, environ: Mapping[str, str] = os.environ) -> bool:
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"环境变量 {name} 应为 true 或 false，实为“{environ[name]}”")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    if name not in environ or not environ[name].strip():
        return default
    try:
        value = int(environ[name].strip())
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，实为“{environ[name]}”") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(
            f"环境变量 {name} 应在 {minimum} 到 {maximum} 之间，实为 {value}"
        )
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    if name not in environ:
        return list(default)
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def env_choice(
    name: str, default: str, choices: Mapping[str, str], environ: Mapping[str, str] = os.environ
) -> str:
    """One of the keys of `choices`; returns the mapped value."""
    key = env_str(name, default, environ).lower()
    if key not in choices:
        raise ImproperlyConfigured(
            f"环境变量 {name} 只能是 {'、'.join(choices)} 之一，实为“{environ.get(name)}”"
        )
    return choices[key]


def env_addresses(
    name: str, default: list[str], *, words: tuple[str, ...] = (), environ=os.environ
) -> list[str]:
    """A comma-separated list of IP addresses or networks (10.0.0.5, 10.0.0.0/8, ::1), plus
    any of `words`; each entry is checked, so a typo is a sentence at start-up rather than a
    proxy that is never (or always) trusted."""
    import ipaddress

    entries = env_list(name, default, environ)
    for entry in entries:
        if entry in words:
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            also = f"或 {'、'.join(words)}" if words else ""
            raise ImproperlyConfigured(
                f"环境变量 {name} 中的“{entry}”不是 IP 地址或网段{also}"
            ) from None
    return entries
