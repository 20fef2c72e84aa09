"""The demo's workflow: a platform in use, not only data and alerts.

After the model run, ``demo_activity_create`` acts as the region's officers, clerks and villagers
would, through the project's own services only (so every case event, audit record and cockpit
tally is written by the code that writes them in real use), deterministically from the seed:

1. the village clerks publish their three-affairs disclosures (三务公开) for the recent periods, except
   a few villages left late on purpose; the daily disclosure check then opens their late cases;
2. villagers file citizen reports over the past weeks; the village liaison stations and township
   commissions handle some to closure with a public reply and the reporter's rating, some are in
   progress, a few are left untouched past their deadline (overdue);
3. a county campaign (专项治理) on the domain with the most alerts, created four weeks ago, with its
   village tasks partly progressed;
4. a share of the alert cases moved through the lifecycle by the units the case engine requires
   (dispatched, taken, verifying, verified confirmed / partly / unfounded — some unfounded subjects
   suppressed — disposed with money recovered, people handled and rectification, closed), many left
   open;
5. the county's problem list for the month and the city's for the quarter, and a reform record at
   each of the two levels linked to listed problems.

Steps 1-3 are history: they are dated in the past weeks by running the services under a demo
clock (``_clock``: Django's ``timezone.now`` answers the step's time), in time order, so the event
logs, the audit chain and the cockpit's months read as a platform that has been in use; step 4
and 5 happen now, since the alerts were raised now. Nothing changes an alert's facts: the
planted-anomaly check gives the same result before and after.

The units act through their own accounts: the demo's sign-in accounts where one serves the unit
(``liaison``, ``clerk``, ``inspector.township`` …), otherwise a station account per village or
township (``liaison.<code>``, ``clerk.<code>``, ``inspector.<code>``) with no usable password — it
records who acted and is not meant to sign in."""

import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from sunlit.accounts.models import User
from sunlit.accounts.roles import Role
from sunlit.accounts.services import user_create
from sunlit.accounts.system import command_line_actor
from sunlit.cadres.models import Cadre
from sunlit.cases import rules as case_rules
from sunlit.cases.deadlines import is_working_day
from sunlit.cases.models import OPEN_STATES, Case, Conclusion, Measure, SourceKind, State
from sunlit.cases.services import (
    PersonMeasure,
    case_close,
    case_dispatch,
    case_dispose,
    case_escalate,
    case_return,
    case_start_verification,
    case_take,
    case_verify,
)
from sunlit.closedloop.models import DOMAIN_NAMES, CampaignTask, ProblemItem, TargetKind, TaskState
from sunlit.closedloop.services import (
    campaign_create,
    campaign_task_move,
    problem_list_generate,
    reform_create,
)
from sunlit.demo.synthetic.geography import HOME_COUNTY  # the demo accounts' county
from sunlit.public import deadlines
from sunlit.public.models import Disclosure
from sunlit.public.services import disclosure_publish, disclosures_check
from sunlit.regions import codes
from sunlit.regions.models import Region
from sunlit.reports.models import Kind as ReportKind
from sunlit.reports.models import Report, Satisfaction
from sunlit.reports.services import report_rate, report_reopen, report_reply, report_submit

# Bounds that keep the step fast at every scale.
ALERT_CASES_MAX = 300          # alert cases moved at most
REPORTS_MIN, REPORTS_MAX = 8, 40
LATE_SHARE, LATE_MAX = 0.02, 8  # villages left late with their disclosures
HISTORY_DAYS = 42              # how far back the reports go
CONTRACT_DOMAINS = ("projects", "procurement")

# Where the alert cases are left (share of the cases moved), in lifecycle order.
ALERT_STAGES = [("new", 0.22), ("dispatched", 0.10), ("accepted", 0.09), ("verifying", 0.08),
                ("verified", 0.05), ("disposed", 0.08), ("closed", 0.34), ("escalated", 0.02),
                ("returned", 0.02)]
CONCLUSIONS = [(Conclusion.CONFIRMED, 0.55), (Conclusion.PARTLY_CONFIRMED, 0.25), (Conclusion.UNFOUNDED, 0.20)]
MEASURES_CONFIRMED = [(Measure.REMINDER_TALK, 30), (Measure.CRITICISM, 28), (Measure.ADMONITION_TALK, 22),
                      (Measure.PARTY_DISCIPLINE, 10), (Measure.GOVERNMENT_SANCTION, 7),
                      (Measure.JUDICIAL_REFERRAL, 3)]
MEASURES_PARTLY = [(Measure.REMINDER_TALK, 55), (Measure.CRITICISM, 35), (Measure.ADMONITION_TALK, 10)]
REPORT_STAGES = [("closed", 0.50), ("verifying", 0.10), ("accepted", 0.08), ("dispatched", 0.07),
                 ("overdue", 0.12), ("new", 0.13)]
RATINGS = [(Satisfaction.SATISFIED, 0.6), (Satisfaction.BASICALLY, 0.25), (Satisfaction.UNSATISFIED, 0.15)]
TASK_STAGES = [(TaskState.NOT_STARTED, 0.35), (TaskState.IN_PROGRESS, 0.30), (TaskState.RECTIFIED, 0.20),
               (TaskState.VERIFIED, 0.15)]

FINDINGS = {
    "labour": "经核查，劳务用工台账与考勤、工资发放记录不一致，存在虚报用工或超标准发放情况。",
    "relief": "经核查，救助对象资格审核把关不严，存在不符合条件人员领取救助金情况。",
    "projects": "经核查，工程项目在招投标、合同变更或资金支付环节未严格履行程序。",
    "assets": "经核查，集体资产租赁未按规定公开竞价或租金收取不及时。",
    "procurement": "经核查，村级采购未按规定比价，供应商与村干部存在利害关系。",
    "seals": "经核查，村级印章使用未履行事前审批登记手续。",
}
RECTIFICATIONS = {
    "labour": "已追回多发劳务费，重新核对考勤台账，劳务用工实行村务监督委员会签字审核。",
    "relief": "已停发并追回违规领取的救助金，对救助对象开展全面复核，结果张榜公示。",
    "projects": "已责令补办相关程序并追回多付工程款，工程变更一律经村民代表会议表决。",
    "assets": "已重新组织公开竞价，追缴欠缴租金，资产台账按月公开。",
    "procurement": "已追回差价，建立供应商回避和三家比价制度。",
    "seals": "已规范用印审批登记，印章由专人保管，用印情况每月公开。",
}
UNFOUNDED_NOTE = "经核查，相关情况有合理解释且手续齐全，预警事项不属实。"
REPORT_TEXTS = {
    "labour": ["村里修路雇的临时工，工钱一直没有发到位，听说账上早就支出了，请帮忙查一查。",
               "清理河道的劳务名单里有几个人根本没来干活，却领了工钱。"],
    "projects": ["村里文化礼堂改造工程，施工单位和村干部关系密切，造价明显偏高。",
                 "村道硬化工程刚完工半年就开裂了，验收是怎么通过的？"],
    "assets": ["村集体的厂房租给外村人，租金多年没有公开过，不知道收了多少。",
               "村口的店面出租没有公开招租，直接给了熟人。"],
    "procurement": ["村里买办公用品和绿化苗木总是找同一家店，价格比市场上贵不少。"],
    "relief": ["邻居家条件很好，有车有房，却一直在领低保，请核实。",
               "我家老人符合困难救助条件，申请了三个月还没有结果。"],
    "seals": ["村里公章随便盖，有人拿去给私人借款做担保，请查一下用印登记。"],
    "other": ["建议村务公开栏每月按时更新，并把账目写得更清楚一些。",
              "建议在村委会门口设立意见箱，方便老人反映问题。"],
}
REPLY_TEXT = {
    Conclusion.CONFIRMED: "您反映的问题经核查属实，已责令整改并对相关人员作出处理，感谢您的监督。",
    Conclusion.PARTLY_CONFIRMED: "您反映的问题经核查部分属实，已督促整改，整改情况将在村务公开栏公布。",
    Conclusion.UNFOUNDED: "经核查，您反映的情况不属实，相关账目和手续已向您所在村公开，欢迎继续监督。",
}
SUGGESTION_REPLY = "感谢您的建议，村两委已研究采纳，将从下月起落实，欢迎继续提出意见。"
_CATEGORY_CHINESE = {"party": "党务", "village": "村务", "finance": "财务"}


# ---- the demo clock ----------------------------------------------------------------------------------

@contextmanager
def _clock(at: datetime) -> Iterator[None]:
    """Run the services as of ``at``: every ``django.utils.timezone.now()`` (and so ``localdate``)
    answers ``at`` while inside. The demo command is single-threaded; nothing else runs meanwhile."""
    real = timezone.now
    timezone.now = lambda: at
    try:
        yield
    finally:
        timezone.now = real


# ---- who acts ----------------------------------------------------------------------------------------

class _Actors:
    """The account of each unit: a demo sign-in account scoped exactly to it, else a station account."""

    def __init__(self):
        self.by_unit: dict[tuple[str, str], User] = {}
        for user in User.objects.filter(is_active=True, scope__isnull=False).order_by("username"):
            self.by_unit.setdefault((user.scope_id, user.role), user)
        self.created = 0

    def _of(self, code: str, role: str, prefix: str) -> User:
        key = (code, role)
        if key not in self.by_unit:
            username = f"{prefix}.{code}"
            user = User.objects.filter(username=username).first()
            if user is None:
                # no usable password: a station account records who acted, it is not signed in with
                user = user_create(username=username, password=None, role=role,
                                   scope=Region.objects.get(code=code))
                self.created += 1
            self.by_unit[key] = user
        return self.by_unit[key]

    def handler(self, code: str) -> User:
        role = case_rules.HANDLER_ROLE[codes.level_of(code)]
        return self._of(code, role, "liaison" if role == Role.LIAISON_OFFICER else "inspector")

    def supervisor(self, code: str) -> User:
        """The commission one level above a unit (a village's township, a township's county …)."""
        return self._of(codes.parent_code_of(code), Role.INSPECTOR, "inspector")

    def clerk(self, village_code: str) -> User:
        return self._of(village_code, Role.VILLAGE_CLERK, "clerk")

    def inspector(self, code: str) -> User:
        return self._of(code, Role.INSPECTOR, "inspector")


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _at(day: date, rng: random.Random, start_hour: int = 9, end_hour: int = 17) -> datetime:
    minute = rng.randrange(start_hour * 60, end_hour * 60)
    return timezone.make_aware(datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                                        rng.randrange(60)))


def _working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _working_days_later(day: date, n: int) -> date:
    for _ in range(n):
        day = _working_day_on_or_after(day + timedelta(days=1))
    return day


@dataclass
class _Timeline:
    """Steps dated in the past, run in time order under the demo clock."""

    steps: list[tuple[datetime, int, object]] = field(default_factory=list)

    def add(self, at: datetime, step) -> None:
        self.steps.append((at, len(self.steps), step))

    def run(self, horizon: datetime) -> None:
        """Every step dated before ``horizon`` (the start of the demo's day), in time order; the
        steps planned later are left undone (a case stays where it got to)."""
        for at, _n, step in sorted(self.steps, key=lambda s: (s[0], s[1])):
            if at >= horizon:
                continue
            with _clock(at):
                step()


class _Steps:
    """The times of one case's steps: each some working days after the one before, always later."""

    def __init__(self, *, day: date, last: datetime, rng: random.Random):
        self.day, self.last, self.rng = day, last, rng

    def next(self, days: int) -> datetime:
        self.day = _working_days_later(self.day, days)
        self.last = max(_at(self.day, self.rng), self.last + timedelta(minutes=10))
        return self.last


# ---- 1. disclosures ----------------------------------------------------------------------------------

def _recent_periods(today: date) -> list[tuple[str, str, date]]:
    """(category, period, last day on time) of the newest due period of each category and of the
    finance month before it."""
    out = []
    for category, rule in deadlines.rules().items():
        period = deadlines.latest_due_period(rule, today)
        out.append((category, period, deadlines.due_on(period, rule)))
        if rule.every == "month":
            first, _last = deadlines.period_bounds(period)
            previous = deadlines.period_of(first - timedelta(days=1), rule.every)
            out.append((category, previous, deadlines.due_on(previous, rule)))
    return sorted(out)


def _disclosure_text(name: str, category: str, period: str) -> tuple[str, str]:
    label = _CHINESE_PERIOD(period)
    title = f"{name}{label}{_CATEGORY_CHINESE[category]}公开"
    content = {
        "finance": (f"{label}财务收支情况：收入、支出明细及村级劳务用工、采购、工程款支付、资产租金收缴情况，"
                    "详见本页各栏目及村务公开栏附表。如有疑问，可通过“我要反映”提出。"),
        "party": (f"{label}党务公开：党组织会议、党员发展、党费收缴及使用、“三会一课”开展情况。"
                  "欢迎党员群众监督。"),
        "village": (f"{label}村务公开：村民代表会议决议事项及执行情况、工程项目进展、集体资产资源承包租赁、"
                    "困难救助对象名单（按规定公示期内）。"),
    }[category]
    return title, content


def _CHINESE_PERIOD(period: str) -> str:  # noqa: N802 — reads like a label
    if "Q" in period:
        year, quarter = period.split("Q")
        return f"{year}年第{quarter}季度"
    year, month = period.split("-")
    return f"{year}年{int(month)}月"


def _plan_disclosures(*, villages: list[tuple[str, str]], today: date, rng: random.Random, actors: _Actors,
                      timeline: _Timeline, horizon: datetime, counts: Counter) -> list[str]:
    """Every village publishes each recent period within its grace days (outside the demo's county
    the newest due period of each category only), except the late ones, which miss the newest
    period of one or more categories. Returns the late villages."""
    periods = _recent_periods(today)
    candidates = [code for code, _name in villages if code[:6] == HOME_COUNTY[:6]] or [c for c, _ in villages]
    late_count = min(LATE_MAX, max(1, round(len(villages) * LATE_SHARE)))
    late = sorted(rng.sample(candidates[1:] or candidates, min(late_count, len(candidates[1:] or candidates))))
    newest = {}
    for category, period, _due in periods:
        newest[category] = max(newest.get(category, ""), period)
    misses = {code: ({"finance"} | ({"village"} if rng.random() < 0.5 else set())) for code in late}
    for code, name in villages:
        clerk = actors.clerk(code)
        for category, period, due in periods:
            if code in misses and category in misses[code] and period == newest[category]:
                continue
            if period != newest[category] and code[:6] != HOME_COUNTY[:6]:
                continue   # outside the demo's county, the newest periods only: the larger scales stay quick
            first_day = deadlines.period_bounds(period)[1] + timedelta(days=1)
            day = _working_day_on_or_after(first_day + timedelta(days=rng.randrange(max(1, (due - first_day).days))))
            at = min(_at(day, rng), horizon - timedelta(hours=6))
            title, content = _disclosure_text(name, category, period)

            def publish(clerk=clerk, code=code, category=category, period=period, title=title, content=content,
                        day=day):
                disclosure_publish(actor=clerk, village_code=code, category=category, period=period, title=title,
                                   content=content, today=max(day, deadlines.period_bounds(period)[0]))
                counts["disclosures"] += 1

            timeline.add(at, publish)
    return late


# ---- 2. citizen reports ------------------------------------------------------------------------------

def _plan_reports(*, villages: list[tuple[str, str]], today: date, rng: random.Random, actors: _Actors,
                  timeline: _Timeline, counts: Counter, cadres: dict[str, list[tuple[str, str]]]) -> None:
    from faker import Faker

    fake = Faker("zh_CN")
    fake.seed_instance(rng.randrange(2 ** 31))
    n = min(REPORTS_MAX, max(REPORTS_MIN, len(villages) // 6))
    categories = sorted(REPORT_TEXTS)
    reopen_left = 1
    # every stage at least once (a few reports are always left past their deadline), then by weight
    stages = [s for s, _w in REPORT_STAGES] + [_pick(rng, REPORT_STAGES) for _ in range(n - len(REPORT_STAGES))]
    rng.shuffle(stages)
    for i in range(n):
        village, _name = villages[rng.randrange(len(villages))]
        category = categories[rng.randrange(len(categories))]
        text = REPORT_TEXTS[category][rng.randrange(len(REPORT_TEXTS[category]))]
        kind = ReportKind.SUGGESTION if category == "other" else ReportKind.COMPLAINT
        named = rng.random() < 0.35
        reporter_name, reporter_phone = (fake.name(), fake.phone_number()) if named else ("", "")
        stage = stages[i]
        back = {"closed": rng.randrange(20, HISTORY_DAYS), "overdue": rng.randrange(22, HISTORY_DAYS),
                "new": rng.randrange(1, 4)}.get(stage, rng.randrange(3, 9))
        day = today - timedelta(days=back)
        submitted = _at(day, rng, 7, 22)
        conclusion = _pick(rng, CONCLUSIONS)
        rating = _pick(rng, RATINGS)
        box: dict[str, object] = {}
        station, commission = actors.handler(village), actors.supervisor(village)

        def submit(box=box, category=category, village=village, text=text, kind=kind, reporter_name=reporter_name,
                   reporter_phone=reporter_phone):
            box["report"] = report_submit(category=category, village_code=village, text=text, kind=kind,
                                          reporter_name=reporter_name, reporter_phone=reporter_phone)
            box["case"] = box["report"].case_id
            counts["reports"] += 1

        timeline.add(submitted, submit)
        if stage in ("new", "overdue"):
            continue
        order = ["dispatched", "accepted", "verifying", "closed"]
        last = order.index(stage)
        at_next = _Steps(day=day, last=submitted, rng=rng).next

        timeline.add(at_next(1), lambda box=box, a=commission: case_dispatch(
            case_id=box["case"], actor=a, note="请村监察联络站核实办理 / for the village liaison station to verify"))
        if last >= 1:
            timeline.add(at_next(rng.randrange(0, 2)), lambda box=box, a=station: case_take(case_id=box["case"], actor=a))
        if last >= 2:
            timeline.add(at_next(1), lambda box=box, a=station: case_start_verification(
                case_id=box["case"], actor=a, note="走访反映人及相关村干部，调阅台账 / visited and read the ledger"))
        if last < 3:
            continue
        people = []
        money = Decimal("0")
        if kind == ReportKind.SUGGESTION:    # the demo's suggestions are adopted; nobody is held to account
            conclusion = Conclusion.CONFIRMED
        elif conclusion != Conclusion.UNFOUNDED and cadres.get(village):
            who, post = cadres[village][rng.randrange(len(cadres[village]))]
            people = [PersonMeasure(name=who, post=post, measure=_pick(rng, MEASURES_PARTLY))]
            if category in FINDINGS and category != "seals":
                money = Decimal(rng.randrange(5, 60) * 100)
        finding = FINDINGS.get(category, "经研究，建议合理可行。") if conclusion != Conclusion.UNFOUNDED \
            else "经核查，反映情况与事实不符。"
        timeline.add(at_next(rng.randrange(2, 5)), lambda box=box, a=station, c=conclusion, f=finding: case_verify(
            case_id=box["case"], actor=a, conclusion=c, note=f))
        rectification = "" if conclusion == Conclusion.UNFOUNDED else RECTIFICATIONS.get(
            category, "建议已由村两委研究采纳，下月起落实。")
        reply = SUGGESTION_REPLY if kind == ReportKind.SUGGESTION and conclusion != Conclusion.UNFOUNDED \
            else REPLY_TEXT[conclusion]
        timeline.add(at_next(1), lambda box=box, a=station, m=money, p=people, r=rectification: case_dispose(
            case_id=box["case"], actor=a, money_recovered=m, people=p, rectification=r))
        timeline.add(at_next(0), lambda box=box, a=station, t=reply: report_reply(case_id=box["case"], actor=a, text=t))
        timeline.add(at_next(1), lambda box=box, a=commission: case_close(case_id=box["case"], actor=a))
        counts["reports_closed_planned"] += 1

        def rate(box=box, value=rating):
            report_rate(report=box["report"], value=value)
            counts["ratings"] += 1

        timeline.add(at_next(rng.randrange(1, 3)), rate)
        if rating == Satisfaction.UNSATISFIED and reopen_left:
            reopen_left -= 1
            timeline.add(at_next(0), lambda box=box: report_reopen(
                report=box["report"], reason="问题没有真正解决 / the problem is not really solved"))


# ---- 3. the campaign ---------------------------------------------------------------------------------

def _plan_campaign(*, domain: str, today: date, rng: random.Random, actors: _Actors, timeline: _Timeline,
                   counts: Counter, box: dict) -> None:
    created = _working_day_on_or_after(today - timedelta(days=28))
    inspector = actors.inspector(HOME_COUNTY)

    def create():
        box["campaign"] = campaign_create(
            user=inspector, title=f"{DOMAIN_NAMES[domain]}领域突出问题专项治理", region_code=HOME_COUNTY,
            target_kind=TargetKind.DOMAIN, target=domain, starts_on=created, ends_on=created + timedelta(days=90),
            description=f"针对{DOMAIN_NAMES[domain]}领域预警集中的问题，各村对照自查、逐项整改，乡镇纪委逐村验收。")
        counts["campaigns"] += 1

    timeline.add(_at(created, rng, 9, 11), create)
    villages = sorted(Region.objects.filter(level="village", code__startswith=HOME_COUNTY[:6])
                      .values_list("code", flat=True))
    for code in villages:
        stage = _pick(rng, TASK_STAGES)
        if stage == TaskState.NOT_STARTED:
            continue
        worker, verifier = actors.clerk(code), actors.supervisor(code)
        day = _working_days_later(created, rng.randrange(1, 6))
        moves = [(TaskState.IN_PROGRESS, worker, "已开展自查 / self-check under way")]
        if stage in (TaskState.RECTIFIED, TaskState.VERIFIED):
            moves.append((TaskState.RECTIFIED, worker, "自查问题已整改到位 / the problems found are rectified"))
        if stage == TaskState.VERIFIED:
            moves.append((TaskState.VERIFIED, verifier, "乡镇纪委现场验收通过 / checked on site by the township"))
        for to_state, who, note in moves:
            def move(code=code, to_state=to_state, who=who, note=note):
                task = CampaignTask.objects.get(campaign=box["campaign"], village_code=code)
                campaign_task_move(user=who, task_id=task.pk, to_state=to_state, note=note)
                counts["task_moves"] += 1

            timeline.add(_at(day, rng), move)
            day = _working_days_later(day, rng.randrange(2, 8))


# ---- 4. alert cases ----------------------------------------------------------------------------------

def _money_recovered(alert, conclusion: str, rng: random.Random) -> Decimal:
    if alert is None or alert.domain == "seals":
        return Decimal("0")
    base = alert.amount_involved if alert.amount_involved else Decimal(rng.randrange(8, 120) * 100)
    if alert.domain in CONTRACT_DOMAINS:   # the amount is a contract's: what comes back is the overpayment
        low, high = (5, 16) if conclusion == Conclusion.CONFIRMED else (2, 7)
    else:                                  # the amount is what was paid out wrongly
        low, high = (60, 101) if conclusion == Conclusion.CONFIRMED else (20, 51)
    share = Decimal(rng.randrange(low, high)) / 100
    return (base * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _alert_case_plan(case_keys: list[tuple], rng: random.Random) -> list[tuple[tuple, str, str]]:
    """(case key, stage, conclusion) for the cases moved: a bounded sample in a stable order."""
    chosen = sorted(case_keys) if len(case_keys) <= ALERT_CASES_MAX else sorted(rng.sample(sorted(case_keys),
                                                                                           ALERT_CASES_MAX))
    return [(key, _pick(rng, ALERT_STAGES), _pick(rng, CONCLUSIONS)) for key in chosen]


def _move_alert_cases(*, rng: random.Random, actors: _Actors, counts: Counter,
                      cadres: dict[str, list[tuple[str, str]]], today: date) -> None:
    cases = {(c.model_code, c.subject_type, c.subject_id, c.village_code): c
             for c in Case.objects.filter(source_kind=SourceKind.ALERT, state=State.NEW).select_related("alert")}
    for key, stage, conclusion in _alert_case_plan(list(cases), rng):
        case = cases[key]
        if stage == "new":
            continue
        unit = case.handling_code
        station, commission = actors.handler(unit), actors.supervisor(unit)
        domain = case.alert.domain if case.alert_id else ""
        case_dispatch(case_id=case.pk, actor=commission, note="请按期核查 / verify by the deadline")
        counts["cases_moved"] += 1
        if stage == "dispatched":
            continue
        if stage == "returned":
            case_return(case_id=case.pk, actor=station, note="该事项不属本站管辖，请重新派发 / not ours: re-dispatch")
            continue
        case_take(case_id=case.pk, actor=station)
        if stage == "accepted":
            continue
        if stage == "escalated":
            case_escalate(case_id=case.pk, actor=station, reason="serious",
                          note="涉及村主要负责人，提请上级纪委办理 / involves the village head: up one level")
            continue
        case_start_verification(case_id=case.pk, actor=station, note="调阅台账、走访当事人 / ledger read, people met")
        if stage == "verifying":
            continue
        finding = UNFOUNDED_NOTE if conclusion == Conclusion.UNFOUNDED else FINDINGS.get(domain, "经核查，预警事项属实。")
        case_verify(case_id=case.pk, actor=station, conclusion=conclusion, note=finding)
        counts[f"conclusion_{conclusion}"] += 1
        if stage == "verified":
            continue
        if conclusion == Conclusion.UNFOUNDED:
            suppress = rng.random() < 0.5
            case_dispose(case_id=case.pk, actor=station,
                         suppress_until=today + timedelta(days=365) if suppress else None,
                         suppress_reason="经核查有合理解释，一年内不再就同一事项预警 / explained: no alert for a year"
                         if suppress else "", note="核查不实，予以澄清 / unfounded: cleared")
            counts["suppressed"] += int(suppress)
        else:
            people = []
            staff = cadres.get(case.village_code) or []
            for who, post in rng.sample(staff, min(len(staff), 1 if rng.random() < 0.7 else 2)):
                weights = MEASURES_CONFIRMED if conclusion == Conclusion.CONFIRMED else MEASURES_PARTLY
                people.append(PersonMeasure(name=who, post=post, measure=_pick(rng, weights)))
            money = _money_recovered(case.alert, conclusion, rng)
            case_dispose(case_id=case.pk, actor=station, money_recovered=money, people=people,
                         rectification=RECTIFICATIONS.get(domain, "已督促整改到位。"))
            counts["people_handled"] += len(people)
            counts["money_recovered_fen"] += int(money * 100)
        if stage == "disposed":
            continue
        case_close(case_id=case.pk, actor=commission, note="处置到位，予以办结 / disposed: closed")
        counts["cases_closed"] += 1


# ---- 5. problem lists and reforms --------------------------------------------------------------------

def _problem_lists_and_reforms(*, today: date, domain: str, actors: _Actors, counts: Counter) -> None:
    city = HOME_COUNTY[:4] + "0" * 8
    county_inspector, city_inspector = actors.inspector(HOME_COUNTY), actors.inspector(city)
    county_list = problem_list_generate(user=county_inspector, region_code=HOME_COUNTY, period_kind="month",
                                        period=f"{today.year}-{today.month:02d}")
    city_list = problem_list_generate(user=city_inspector, region_code=city, period_kind="quarter",
                                      period=f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    counts["problem_lists"] += 2
    counts["problems_listed"] += county_list.item_count + city_list.item_count
    items = list(ProblemItem.objects.filter(problem_list=county_list).order_by("position"))
    linked = [i for i in items if i.domain == domain][:5] or items[:3]
    reform_create(user=county_inspector, region_code=HOME_COUNTY, adopted_on=today,
                  title=f"关于规范{DOMAIN_NAMES[domain]}管理的若干规定",
                  change=f"针对{DOMAIN_NAMES[domain]}领域预警集中暴露的问题，明确事前审批、村务监督委员会审核和按月公开，"
                         "相关台账纳入大数据监督模型。",
                  documents=f"区纪委〔{today.year}〕{len(items) + 3}号",
                  problem_item_ids=[i.pk for i in linked], case_ids=[i.case_id for i in linked if i.case_id])
    city_items = list(ProblemItem.objects.filter(problem_list=city_list).exclude(domain=domain)
                      .order_by("position")[:3])
    reform_create(user=city_inspector, region_code=city, adopted_on=today,
                  title="村级小微权力清单运行监督办法（修订）",
                  change="小微权力清单事项逐项明确流程和责任人，预警处置结果纳入年度考核，整改情况向村民公开。",
                  documents=f"市纪委〔{today.year}〕{len(city_items) + 11}号",
                  problem_item_ids=[i.pk for i in city_items])
    counts["reforms"] += 2


# ---- the whole ---------------------------------------------------------------------------------------

def _cadres_in_office(today: date) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    rows = (Cadre.objects.filter(term_start__lte=today).filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
            .order_by("village_code", "position", "name").values_list("village_code", "name", "position"))
    for village, name, post in rows:
        found[village].append((name, post))
    return found


def _busiest_domain() -> str:
    tally = Counter(Case.objects.filter(source_kind=SourceKind.ALERT, alert__isnull=False)
                    .values_list("alert__domain", flat=True))
    ranked = sorted(((n, d) for d, n in tally.items() if d in DOMAIN_NAMES), key=lambda t: (-t[0], t[1]))
    return ranked[0][1] if ranked else "labour"


def demo_activity_create(*, seed: int, today: date | None = None) -> dict:
    """Run the demo's workflow (see the module's docstring) and return its counts. Deterministic for
    a seed and a day on the same generated data."""
    started = time.perf_counter()
    now = timezone.now()
    today = today or timezone.localdate(now)
    rng = random.Random(f"demo-activity:{seed}")
    counts: Counter = Counter()
    actors = _Actors()
    villages = list(Region.objects.filter(level="village").order_by("code").values_list("code", "name"))
    if not villages:
        return {}
    if Disclosure.objects.exists() or Report.objects.exists():
        return {"skipped": True}   # a demo run before this one already recorded the activity
    cadres = _cadres_in_office(today)
    domain = _busiest_domain()

    # history, in time order under the demo clock, up to the start of the demo's day
    horizon = min(now, timezone.make_aware(datetime.combine(today, dtime(0))))
    timeline = _Timeline()
    late = _plan_disclosures(villages=villages, today=today, rng=random.Random(rng.random()), actors=actors,
                             timeline=timeline, horizon=horizon, counts=counts)
    _plan_reports(villages=villages, today=today, rng=random.Random(rng.random()), actors=actors, timeline=timeline,
                  counts=counts, cadres=cadres)
    box: dict = {}
    _plan_campaign(domain=domain, today=today, rng=random.Random(rng.random()), actors=actors, timeline=timeline,
                   counts=counts, box=box)
    timeline.run(horizon)

    # today: the disclosure check, the alert cases, the closed loop
    checked = disclosures_check(actor=command_line_actor(), today=today)
    _move_alert_cases(rng=random.Random(rng.random()), actors=actors, counts=counts, cadres=cadres, today=today)
    _problem_lists_and_reforms(today=today, domain=domain, actors=actors, counts=counts)

    return {
        "disclosures": counts["disclosures"], "late_villages": len(late), "late_cases": len(checked.opened),
        "reports": counts["reports"], "reports_closed": Case.objects.filter(
            source_kind=SourceKind.REPORT, state=State.CLOSED).count(), "ratings": counts["ratings"],
        "alert_cases_moved": counts["cases_moved"], "alert_cases_closed": counts["cases_closed"],
        "confirmed": counts[f"conclusion_{Conclusion.CONFIRMED}"],
        "partly_confirmed": counts[f"conclusion_{Conclusion.PARTLY_CONFIRMED}"],
        "unfounded": counts[f"conclusion_{Conclusion.UNFOUNDED}"], "suppressed": counts["suppressed"],
        "people_handled": counts["people_handled"],
        "money_recovered": str(Decimal(counts["money_recovered_fen"]) / 100),
        "overdue": Case.objects.filter(state__in=OPEN_STATES, due_on__lt=timezone.localdate()).count(),
        "campaigns": counts["campaigns"], "campaign_task_moves": counts["task_moves"],
        "problem_lists": counts["problem_lists"], "problems_listed": counts["problems_listed"],
        "reforms": counts["reforms"], "station_accounts": actors.created,
        "seconds": round(time.perf_counter() - started, 1),
    }



def demo_activity_summary(counts: dict) -> str:
    """The one line the demo prints."""
    if not counts:
        return "Activity: no villages, nothing done"
    if counts.get("skipped"):
        return "Activity: already recorded by an earlier demo run on this database; nothing added"
    return (f"Activity: {counts['disclosures']:,} disclosures ({counts['late_villages']} villages late, "
            f"{counts['late_cases']} late cases opened); {counts['reports']} citizen reports "
            f"({counts['reports_closed']} closed, {counts['ratings']} rated); {counts['alert_cases_moved']} alert cases "
            f"moved ({counts['alert_cases_closed']} closed; {counts['confirmed']} confirmed, "
            f"{counts['partly_confirmed']} partly, {counts['unfounded']} unfounded); {counts['people_handled']} people "
            f"handled, {Decimal(counts['money_recovered']):,.2f} yuan recovered; {counts['overdue']} cases overdue; "
            f"{counts['problem_lists']} problem lists ({counts['problems_listed']} problems), {counts['campaigns']} "
            f"campaign ({counts['campaign_task_moves']} task moves), {counts['reforms']} reforms "
            f"in {counts['seconds']} s")
