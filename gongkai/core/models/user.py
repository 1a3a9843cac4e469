from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A staff account. Chinese names do not split into first and last, so one field holds it."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    # set on accounts whose password others know (the demo's, an administrator's reset);
    # outside demo mode such an account must choose its own before doing anything else
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username
