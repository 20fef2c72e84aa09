"""The external registries (data-collision sources) as the sending departments deliver them: one
spec per table of DESIGN §2 — its columns in order, each column's kind, whether it may be empty, its
enumeration, and which columns hold person and organisation keys. Plain Python: the columnar
validation (``sunlit.registries.validation``), the exchange-format document and the example files
are all generated from these specs, so they cannot drift apart."""

from dataclasses import dataclass, field
from decimal import Decimal

# Column kinds
PERSON_ID = "person_id"      # 18-character resident ID number; 15-digit legacy numbers converted
ORG_ID = "org_id"            # 18-character unified social credit code
REGION_CODE = "region_code"  # 12-digit statistical division code
TEXT = "text"                # free text as written (Chinese), trimmed of surrounding spaces
DATE = "date"                # ISO 8601 date, YYYY-MM-DD
PERIOD = "period"            # a month, YYYY-MM
DECIMAL = "decimal"          # a decimal number written with a point, at most `scale` decimals
ENUM = "enum"                # one of `values`, exactly as listed

KINDS = (PERSON_ID, ORG_ID, REGION_CODE, TEXT, DATE, PERIOD, DECIMAL, ENUM)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    label: str                          # Chinese header meaning, for the exchange document
    required: bool = True
    values: tuple[str, ...] = ()        # ENUM
    max_length: int = 0                 # TEXT (0: no limit beyond 200)
    scale: int = 2                      # DECIMAL
    minimum: Decimal | None = None      # DECIMAL, inclusive
    maximum: Decimal | None = None      # DECIMAL, inclusive
    note: str = ""                      # English explanation, for the exchange document

    @property
    def is_identity(self) -> bool:
        return self.kind in (PERSON_ID, ORG_ID)


@dataclass(frozen=True)
class DateOrder:
    """``later`` must not be before ``earlier`` when both are present."""
    earlier: str
    later: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    title_zh: str
    title_en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]                # natural key (DESIGN §2)
    source: str                         # the department that usually sends it
    refresh_days: int                   # a version older than this is shown as stale
    orders: tuple[DateOrder, ...] = field(default=())

    @property
    def dataset(self) -> str:
        return f"registry/{self.name}"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def person_id_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.kind == PERSON_ID]

    @property
    def org_id_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.kind == ORG_ID]

    @property
    def region_column(self) -> str | None:
        return next((c.name for c in self.columns if c.kind == REGION_CODE), None)


REGISTRIES: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec(
        "enterprise", "企业登记信息", "Enterprise register",
        (
            Column("org_id", ORG_ID, "统一社会信用代码"),
            Column("name", TEXT, "企业名称", max_length=200),
            Column("status", ENUM, "登记状态", values=("active", "revoked", "cancelled"),
                   note="active 存续, revoked 吊销, cancelled 注销"),
            Column("established_date", DATE, "成立日期"),
            Column("closed_date", DATE, "吊销/注销日期", required=False, note="empty while active"),
            Column("legal_rep_person_id", PERSON_ID, "法定代表人身份证号码"),
            Column("region_code", REGION_CODE, "住所所在区划代码"),
        ),
        key=("org_id",), source="市场监督管理部门 (market regulation)", refresh_days=31,
        orders=(DateOrder("established_date", "closed_date"),),
    ),
    TableSpec(
        "enterprise_person", "企业人员（法定代表人、股东、董事、监事、经理）", "Enterprise officers and shareholders",
        (
            Column("org_id", ORG_ID, "统一社会信用代码"),
            Column("person_id", PERSON_ID, "身份证号码"),
            Column("role", ENUM, "职务/身份",
                   values=("legal_rep", "shareholder", "director", "supervisor", "manager")),
            Column("share_ratio", DECIMAL, "持股比例", required=False, scale=6,
                   minimum=Decimal("0"), maximum=Decimal("1"),
                   note="a fraction between 0 and 1 (0.25 = 25 %); empty unless a shareholder"),
        ),
        key=("org_id", "person_id", "role"), source="市场监督管理部门 (market regulation)", refresh_days=31,
    ),
    TableSpec(
        "death", "死亡登记", "Death register",
        (
            Column("person_id", PERSON_ID, "身份证号码"),
            Column("death_date", DATE, "死亡日期"),
        ),
        key=("person_id",), source="公安、民政、卫健部门 (public security, civil affairs, health)", refresh_days=31,
    ),
    TableSpec(
        "vehicle", "机动车登记", "Motor vehicle register",
        (
            Column("plate", TEXT, "号牌号码", max_length=20),
            Column("person_id", PERSON_ID, "所有人身份证号码"),
            Column("vehicle_type", TEXT, "车辆类型", max_length=50, note="in the register's own words (小型轿车, 二轮摩托车 …)"),
            Column("registered_date", DATE, "登记日期"),
        ),
        key=("plate",), source="公安交通管理部门 (traffic police)", refresh_days=92,
    ),
    TableSpec(
        "property", "不动产登记", "Real-estate register",
        (
            Column("property_id", TEXT, "不动产单元号", max_length=60),
            Column("person_id", PERSON_ID, "权利人身份证号码"),
            Column("property_type", ENUM, "用途", values=("residential", "commercial", "other"),
                   note="residential 住宅, commercial 商业, other 其他"),
            Column("area", DECIMAL, "建筑面积（平方米）", scale=2, minimum=Decimal("0")),
            Column("registered_date", DATE, "登记日期"),
        ),
        key=("property_id",), source="自然资源部门 (natural resources)", refresh_days=92,
    ),
    TableSpec(
        "household", "户籍人口", "Household register",
        (
            Column("household_id", TEXT, "户号", max_length=40),
            Column("person_id", PERSON_ID, "身份证号码"),
            Column("name", TEXT, "姓名", max_length=50),
            Column("birth_date", DATE, "出生日期"),
            Column("gender", ENUM, "性别", values=("M", "F"), note="M 男, F 女"),
            Column("relation_to_head", TEXT, "与户主关系", max_length=20,
                   note="in the register's own words (户主, 配偶, 子, 女, 父亲, 母亲 …)"),
            Column("region_code", REGION_CODE, "户籍地区划代码"),
        ),
        key=("household_id", "person_id"), source="公安部门 (public security)", refresh_days=92,
    ),
    TableSpec(
        "kinship", "村干部近亲属申报", "Declared close relatives of cadres",
        (
            Column("person_id", PERSON_ID, "干部身份证号码"),
            Column("relative_person_id", PERSON_ID, "亲属身份证号码"),
            Column("relation", TEXT, "关系", max_length=20, note="in the declaration's own words (配偶, 子女, 兄弟姐妹 …)"),
        ),
        key=("person_id", "relative_person_id"), source="组织部门、乡镇 (organisation department, townships)",
        refresh_days=366,
    ),
    TableSpec(
        "public_payroll", "财政供养人员", "People paid from public funds",
        (
            Column("person_id", PERSON_ID, "身份证号码"),
            Column("employer", TEXT, "工作单位", max_length=200),
            Column("start_date", DATE, "起始日期"),
            Column("end_date", DATE, "终止日期", required=False, note="empty while still paid"),
        ),
        key=("person_id", "employer", "start_date"), source="财政、人社部门 (finance, human resources)",
        refresh_days=92, orders=(DateOrder("start_date", "end_date"),),
    ),
    TableSpec(
        "social_insurance", "社会保险缴费", "Social insurance contributions",
        (
            Column("person_id", PERSON_ID, "身份证号码"),
            Column("employer_org_id", ORG_ID, "参保单位统一社会信用代码"),
            Column("period", PERIOD, "缴费月份"),
            Column("wage_base", DECIMAL, "缴费基数（元）", scale=2, minimum=Decimal("0")),
        ),
        key=("person_id", "employer_org_id", "period"), source="人社部门 (human resources and social security)",
        refresh_days=31,
    ),
)}


def registry_spec(table: str) -> TableSpec:
    from sunlit.errors import InvalidInput

    spec = REGISTRIES.get(table)
    if spec is None:
        raise InvalidInput(f"未知的外部数据表 “{table}” / unknown registry table “{table}”: "
                           + ", ".join(REGISTRIES))
    return spec
