from django.db import models

from sunlit.ledger.fields import LedgerModel, PersonIdField, VillageCodeField


class Cadre(LedgerModel):
    """A village cadre (村干部) and one term in one position."""

    village_code = VillageCodeField()
    person_id = PersonIdField()
    name = models.CharField(max_length=50)
    position = models.CharField(max_length=50)
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True)

    labels = {"village_code": "村代码", "person_id": "身份证号码", "name": "姓名", "position": "职务",
              "term_start": "任期开始", "term_end": "任期结束"}
    natural_key = ("village_code", "person_id", "position", "term_start")
    date_column = "term_start"

    class Meta:
        db_table = "cadre"
        ordering = ["village_code", "term_start", "id"]
        constraints = [models.UniqueConstraint(fields=["village_code", "person_id", "position", "term_start"],
                                               name="cadre_natural_key")]
        indexes = [models.Index(fields=["village_code", "term_start"], name="cadre_village"),
                   models.Index(fields=["person_id"], name="cadre_person_id")]
