from django.db import models


class SerialCounter(models.Model):
    """The last serial an agency used in a year for one kind of number — index numbers,
    notices' and reports' 文号, 规范性文件 registration numbers. core.counters.next_serial
    locks the row while a number is given, so two clerks at once get consecutive numbers;
    a serial is never reused."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="%(app_label)s_%(class)s_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_serial}"
