"""Cases taken through the real services to a conclusion, and a few more villages for roll-ups."""

from sunlit.cases import services as cases
from sunlit.regions.models import Region
from tests.cases.records import case_make


def report_case(village, *, category="projects", reference="R-1"):
    """The case of a citizen report filed under ``category``, as sunlit.reports opens it."""
    from django.utils import timezone

    from sunlit.cases.services import case_open_for_report
    from sunlit.reports.models import Report

    case = case_open_for_report(reference=reference, village_code=village.code, title="群众反映")
    Report.objects.create(tracking_code=reference, category=category, village_code=village.code, text="反映内容",
                          case=case, created_at=timezone.now())
    return case


def confirmed_case(users, village, *, conclusion="confirmed", money="0", subject_id="P1", model_code="LAB-05",
                   close=True, people=(), rectification="", note="", period="2026-06", report_category=None):
    """A yellow alert's case (or, with ``report_category``, a citizen report's) dispatched, taken,
    verified with ``conclusion``, disposed and (by default) closed by the county inspector of the
    village's county."""
    case = report_case(village, category=report_category, reference=f"R-{subject_id}-{village.code}") \
        if report_category else case_make(village, subject_id=subject_id, model_code=model_code, period=period)
    supervisor = users.inspector_a if village.code.startswith("330102") else users.inspector_b
    handler = users.liaison if village.code == users.liaison.scope_id else supervisor
    # a village with no liaison officer here: the county commission takes the case up itself
    cases.case_dispatch(case_id=case.pk, actor=supervisor,
                        to_code=None if handler is users.liaison else village.code[:6] + "000000")
    cases.case_take(case_id=case.pk, actor=handler)
    cases.case_start_verification(case_id=case.pk, actor=handler)
    cases.case_verify(case_id=case.pk, actor=handler, conclusion=conclusion, note=note)
    if conclusion == "unfounded":
        money, people = "0", ()
    cases.case_dispose(case_id=case.pk, actor=handler, money_recovered=money,
                       people=[cases.PersonMeasure(name=n, measure=m, post=p) for n, p, m in people],
                       rectification=rectification)
    if close:
        cases.case_close(case_id=case.pk, actor=supervisor)
    case.refresh_from_db()
    return case


def more_villages(world, count=3):
    """A second township in county A with ``count`` villages (codes 330102002001 …)."""
    township = Region.objects.create(code="330102002000", name="东坡街道", level="township", parent=world.county_a)
    villages = [Region.objects.create(code=f"330102002{n:03d}", name=f"东坡{n}村", level="village", parent=township,
                                      kind="village") for n in range(1, count + 1)]
    return township, villages


def problem_list_in(region, *, village=None, period="2026-06"):
    """An issued problem list of ``region`` with one item (a case in ``village``), made directly."""
    from datetime import date

    from django.utils import timezone

    from sunlit.closedloop.models import ProblemItem, ProblemList

    village = village or Region.objects.filter(level="village", code__startswith=region.prefix).first()
    pl = ProblemList.objects.create(region_code=region.code, region_name=region.name, period_kind="month",
                                    period=period, starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30),
                                    version=ProblemList.objects.filter(region_code=region.code).count() + 1,
                                    item_count=1, generated_by_username="test", generated_at=timezone.now())
    case = case_make(village, subject_id=f"L{pl.pk}")
    ProblemItem.objects.create(problem_list=pl, position=1, case=case, village_code=village.code,
                               village_name=village.name, conclusion="confirmed", rectification_state="rectified",
                               verified_on=date(2026, 6, 3))
    return pl


def campaign_in(region, *, target_kind="model", target="LAB-05", title="专项治理"):
    """A campaign over ``region`` with a task per village, made directly."""
    from datetime import date

    from django.utils import timezone

    from sunlit.closedloop.models import Campaign, CampaignTask

    campaign = Campaign.objects.create(title=title, region_code=region.code, region_name=region.name,
                                       level=region.level, target_kind=target_kind, target=target,
                                       starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30),
                                       created_by_username="test", created_at=timezone.now())
    CampaignTask.objects.bulk_create(
        CampaignTask(campaign=campaign, village_code=v.code, village_name=v.name)
        for v in Region.objects.filter(level="village", code__startswith=region.prefix))
    return campaign


def reform_in(region, *, title="制度重塑"):
    from datetime import date

    from django.utils import timezone

    from sunlit.closedloop.models import Reform

    return Reform.objects.create(region_code=region.code, region_name=region.name, level=region.level, title=title,
                                 change="规定改了", adopted_on=date(2026, 7, 1), created_by_username="test",
                                 created_at=timezone.now())


def reform_with_file_in(region):
    """A reform of ``region`` with one PDF: the URL kwargs of that file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sunlit.attachments.services import attachment_store

    reform = reform_in(region)
    stored = attachment_store(upload=SimpleUploadedFile("规定.pdf", b"%PDF-1.4\n%%EOF\n"), uploaded_by="test")
    reform.files.add(stored)
    return {"reform_id": reform.pk, "file_id": str(stored.public_id)}
