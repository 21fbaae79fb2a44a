"""The measures: one small function per ``criterion.measure``, all thresholds from the pack.

Each measure takes a compiled :class:`Rule` (the criterion, its params parsed with the schema
of ``guidance.measures`` — the one contract between packs and the engine — and the pack's
scales) and a :class:`~evaluation.case.Case`, and returns ``(status, reason)``. The
``@measure`` decorator registers it in :data:`MEASURES`; a test checks that every measure a
pack may name has a function here.

The order of checks inside a measure is always the same: a known fact that fails the criterion
wins; then missing evidence makes it ``unknown``; only then can it pass. This is what makes the
verdicts monotone (better evidence never turns a pass into a fail).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from evaluation import engine_text as t
from evaluation.case import Case, Document
from guidance.measures import IndexThreshold, RatingsWindow
from guidance.pack import Criterion, Level


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"  # evidence missing
    NEEDS_REVIEW = "needs_review"  # a judgement not yet recorded


PASS, FAIL, UNKNOWN, NEEDS_REVIEW = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NEEDS_REVIEW
Outcome = tuple[Status, str]


@dataclass(frozen=True, slots=True)
class Scale:
    """An ordered scale of the pack (ratings, disciplines): rank and label by key."""

    ranks: Mapping[str, int]
    labels: Mapping[str, str]

    @classmethod
    def of(cls, levels: list[Level]) -> "Scale":
        return cls({lv.key: lv.rank for lv in levels}, {lv.key: lv.label for lv in levels})

    def label(self, key: str) -> str:
        return t.quoted(self.labels.get(key, key))


@dataclass(frozen=True, slots=True)
class Rule:
    """A criterion ready to evaluate: its params validated once, the pack's scales at hand."""

    criterion: Criterion
    params: Any  # an instance of guidance.measures.MEASURES[criterion.measure]
    ratings: Scale
    disciplines: Scale

    @property
    def code(self) -> str:
        return self.criterion.code


Measure = Callable[[Rule, Case], Outcome]

MEASURES: dict[str, Measure] = {}


def measure(name: str) -> Callable[[Measure], Measure]:
    """Register a measure function under the name packs use in ``criterion.measure``."""

    def register(function: Measure) -> Measure:
        MEASURES[name] = function
        return function

    return register


# --- general criteria -------------------------------------------------------------------------


@measure("judgement")
def judgement(rule: Rule, case: Case) -> Outcome:
    """G1–G3 and F-<field>: a reviewer's decision, shown with who and when it was recorded."""
    recorded = case.judgements.get(rule.code) if case.judgements is not None else None
    if recorded is None:
        return NEEDS_REVIEW, "Chưa có ý kiến thẩm định của người xét duyệt."
    who = ", ".join(p for p in (recorded.by or "", t.date(recorded.at)) if p)
    source = f" ({who})" if who else ""
    note = f" Ghi chú: {recorded.note}" if recorded.note else ""
    if recorded.passed:
        return PASS, f"Người xét duyệt đánh giá đạt{source}.{note}"
    return FAIL, f"Người xét duyệt đánh giá không đạt{source}.{note}"


def window(rule: Rule, case: Case) -> range:
    """The ``years`` years up to and including the proposal year (Y-4…Y for 5)."""
    return range(case.year - rule.params.years + 1, case.year + 1)


@measure("ratings_window")
def ratings_window(rule: Rule, case: Case) -> Outcome:
    """G4: every year of the window at ``min_level`` or above, ``require_count`` at the top."""
    years = window(rule, case)
    ratings = case.ratings or {}
    p: RatingsWindow = rule.params
    ranks = rule.ratings.ranks
    minimum, required = ranks[p.min_level], ranks[p.require_level]
    below = [y for y in years if y in ratings and ranks.get(ratings[y], minimum) < minimum]
    if below:
        rated = ", ".join(f"năm {y} xếp loại {rule.ratings.label(ratings[y])}" for y in below)
        return FAIL, t.sentence(f"{rated}, dưới mức {rule.ratings.label(p.min_level)}")
    strange = [y for y in years if y in ratings and ratings[y] not in ranks]
    if strange:
        listed = ", ".join(f"năm {y} có mức xếp loại {t.quoted(ratings[y])}" for y in strange)
        return UNKNOWN, t.sentence(f"{listed} không thuộc thang xếp loại của bộ hướng dẫn")
    missing = [y for y in years if y not in ratings]
    if missing:
        return UNKNOWN, f"Thiếu kết quả xếp loại {t.years_phrase(missing)}."
    top = [y for y in years if ranks[ratings[y]] >= required]
    every = (
        f"Các năm {t.span(years[0], years[-1])} đều xếp loại từ "
        f"{rule.ratings.label(p.min_level)} trở lên"
    )
    top_label = rule.ratings.label(p.require_level)
    if len(top) < p.require_count:
        if not top:
            return FAIL, f"{every} nhưng không có năm nào {top_label}."
        return FAIL, (
            f"{every} nhưng chỉ có {len(top)} năm {top_label} ({t.year_list(top)}), "
            f"cần ít nhất {p.require_count} năm."
        )
    return PASS, f"{every}, có {len(top)} năm {top_label} ({t.year_list(top)})."


def _documents(items: tuple[Document, ...], limit: int = 3) -> str:
    shown = [t.document(d.number, d.date, d.authority, d.content) for d in items[:limit]]
    return "; ".join(shown) + ("; …" if len(items) > limit else "")


def _count_documents(
    items: tuple[Document, ...] | None, minimum: int, what: str, absent: str, none: str
) -> Outcome:
    """Shared by G5 and M1: at least ``minimum`` documents; empty is a fact, absent is not."""
    if items is None:
        return UNKNOWN, absent
    if not items:
        return FAIL, none
    if len(items) < minimum:
        return FAIL, f"Chỉ có {len(items)} {what} ({_documents(items)}), cần ít nhất {minimum}."
    return PASS, f"Có {len(items)} {what}: {_documents(items)}."


@measure("recognitions")
def recognitions(rule: Rule, case: Case) -> Outcome:
    """G5: achievement recognised by a competent authority (the recognising documents)."""
    return _count_documents(
        case.recognitions,
        rule.params.min_count,
        "văn bản công nhận của cấp có thẩm quyền",
        absent="Chưa cung cấp văn bản công nhận của cấp có thẩm quyền.",
        none="Không có văn bản công nhận nào của cấp có thẩm quyền.",
    )


@measure("cultural_family")
def cultural_family(rule: Rule, case: Case) -> Outcome:
    """G6: "Gia đình văn hóa" every year of the window, no member's violation inside it."""
    years = window(rule, case)
    first, last = years[0], years[-1]
    counted = rule.params.violation_kinds
    failures, gaps = [], []
    outside: list[int] = []
    if case.violations is not None:
        inside = []
        for v in case.violations:
            if v.kind not in counted:
                continue
            if first <= v.year <= last:
                member = f" ({v.member})" if v.member else ""
                inside.append((v.year, f"năm {v.year} {t.violation_label(v.kind)}{member}"))
            elif v.year < first:
                outside.append(v.year)
        if inside:
            listed = "; ".join(text for _, text in sorted(inside))
            failures.append(f"Thành viên hộ gia đình vi phạm trong thời gian xét: {listed}.")
    else:
        gaps.append(f"Chưa có thông tin về vi phạm của thành viên hộ gia đình {_span(years)}.")
    if case.cultural_family_years is not None:
        missing = [y for y in years if y not in case.cultural_family_years]
        if missing:
            failures.insert(
                0, f"Không được công nhận “Gia đình văn hóa” {t.years_phrase(missing)}."
            )
    else:
        gaps.insert(0, f"Chưa có thông tin công nhận “Gia đình văn hóa” {_span(years)}.")
    if failures:
        return FAIL, " ".join(failures)
    if gaps:
        return UNKNOWN, " ".join(gaps)
    reason = (
        f"Được công nhận “Gia đình văn hóa” đủ các năm {t.span(first, last)}; "
        "không có thành viên vi phạm trong thời gian này."
    )
    if outside:
        reason += f" Vi phạm {t.years_phrase(set(outside))} nằm ngoài thời gian xét nên không tính."
    return PASS, reason


def _span(years: range) -> str:
    return f"các năm {t.span(years[0], years[-1])}"


# --- field k: administrative reform ------------------------------------------------------------


@measure("index_threshold")
def index_threshold(rule: Rule, case: Case) -> Outcome:
    """K1/K2: the index reaches ``min`` in Y, or in an adjacent year (Y-1 … Y-adjacent_years)."""
    p: IndexThreshold = rule.params
    metric, minimum, label = p.metric, p.min, t.metric_label(p.metric)
    threshold = t.percent(minimum)
    years = [case.year - i for i in range(p.adjacent_years + 1)]
    cchc = case.cchc or {}
    values = {y: getattr(cchc[y], metric) for y in years if y in cchc}
    known = {y: v for y, v in values.items() if v is not None}
    reached = next((y for y in years if y in known and known[y] >= minimum), None)
    below = [f"năm {y} đạt {t.percent(known[y])}" for y in years if y in known and y != reached]
    missing = [y for y in years if y not in known]
    if reached is not None:
        ok = f"{'năm' if reached == case.year else 'năm liền kề'} {reached} đạt "
        ok += f"{t.percent(known[reached])} (≥ {threshold})"
        if reached == case.year:
            return PASS, f"{label} {ok}."
        before = (
            f"{label} năm {case.year} đạt {t.percent(known[case.year])} (dưới {threshold}), "
            if case.year in known
            else f"Chưa có {t.lower_first(label)} năm {case.year}; "
        )
        return PASS, f"{before}{ok}."
    if missing:
        known_part = f"{label} {', '.join(below)} (dưới {threshold})" if below else ""
        gap = f"chưa có số liệu {t.years_phrase(missing)}"
        if not known_part:
            gap = f"chưa có {t.lower_first(label)} {t.years_phrase(missing)}"
        return UNKNOWN, t.sentence(known_part, gap)
    return FAIL, f"{label} {', '.join(below)}, đều dưới {threshold}."


def _cchc_of_year(case: Case):
    return case.cchc.get(case.year) if case.cchc is not None else None


@measure("overdue_dossiers")
def overdue_dossiers(rule: Rule, case: Case) -> Outcome:
    """K3: overdue administrative-procedure dossiers in Y at most ``max``."""
    entry, limit = _cchc_of_year(case), rule.params.max
    overdue = entry.overdue_dossiers if entry is not None else None
    if overdue is None:
        return UNKNOWN, f"Chưa có số hồ sơ thủ tục hành chính trễ hạn năm {case.year}."
    if overdue == 0:
        return PASS, f"Năm {case.year} không có hồ sơ thủ tục hành chính trễ hạn."
    stated = f"Năm {case.year} có {overdue} hồ sơ thủ tục hành chính trễ hạn"
    return (PASS if overdue <= limit else FAIL), f"{stated} (tối đa cho phép: {limit})."


@measure("discipline")
def discipline(rule: Rule, case: Case) -> Outcome:
    """K4: no disciplinary measure in Y at ``fail_from`` or above (a milder one passes)."""
    entry = _cchc_of_year(case)
    taken = entry.disciplines if entry is not None else None
    if taken is None:
        return UNKNOWN, f"Chưa có thông tin kỷ luật cán bộ, công chức, viên chức năm {case.year}."
    scale, threshold = rule.disciplines, rule.params.fail_from
    limit, limit_label = scale.ranks[threshold], scale.label(threshold)
    serious = sorted({d for d in taken if scale.ranks.get(d, 0) >= limit}, key=scale.ranks.get)
    if serious:
        listed = ", ".join(scale.label(d) for d in serious)
        return FAIL, (
            f"Năm {case.year} có cán bộ, công chức, viên chức bị kỷ luật {listed} "
            f"(từ mức {limit_label} trở lên)."
        )
    strange = sorted({d for d in taken if d not in scale.ranks})
    if strange:
        listed = ", ".join(t.quoted(d) for d in strange)
        return UNKNOWN, f"Năm {case.year} có hình thức kỷ luật {listed} không thuộc thang kỷ luật."
    if not taken:
        return PASS, f"Năm {case.year} không có cán bộ, công chức, viên chức bị kỷ luật."
    milder = ", ".join(scale.label(d) for d in sorted(set(taken), key=scale.ranks.get))
    return PASS, f"Năm {case.year} chỉ có kỷ luật {milder}, dưới mức {limit_label}."


@measure("cchc_initiative")
def cchc_initiative(rule: Rule, case: Case) -> Outcome:
    """K5: a recognised administrative-reform initiative, or an approved pilot model."""
    if case.cchc_initiative is None:
        return UNKNOWN, (
            "Chưa có thông tin về sáng kiến, giải pháp hoặc mô hình thí điểm "
            "về cải cách hành chính."
        )
    if case.cchc_initiative:
        return PASS, (
            "Có sáng kiến, giải pháp về cải cách hành chính được công nhận "
            "hoặc mô hình mới được phép thí điểm."
        )
    return FAIL, (
        "Không có sáng kiến, giải pháp về cải cách hành chính được công nhận "
        "hay mô hình mới được phép thí điểm."
    )


# --- field n: production and business ----------------------------------------------------------


def _metric_outcome(case: Case, metric: str) -> Outcome:
    """One metric of N1: actual in Y strictly above plan, or strictly above actual of Y-1."""
    business = case.business or {}
    year, label = case.year, t.metric_label(metric)
    figure = business.get(year, {}).get(metric)
    previous = business.get(year - 1, {}).get(metric)
    last = previous.actual if previous is not None else None
    if figure is None or figure.actual is None:
        return UNKNOWN, f"chưa có số liệu {t.lower_first(label)} năm {year}"
    actual, plan = figure.actual, figure.plan
    said = f"{label} năm {year} đạt {t.number(actual)}"
    if plan is not None and actual > plan:
        return PASS, f"{said}, vượt kế hoạch ({t.number(plan)})"
    against_plan = "chưa có kế hoạch" if plan is None else f"không vượt kế hoạch ({t.number(plan)})"
    if last is None:
        return UNKNOWN, f"{said}, {against_plan}; chưa có số liệu năm {year - 1} để so sánh"
    if actual > last:
        return PASS, f"{said}, {against_plan} nhưng tăng so với năm {year - 1} ({t.number(last)})"
    return FAIL, f"{said}, {against_plan} và không tăng so với năm {year - 1} ({t.number(last)})"


@measure("business_growth")
def business_growth(rule: Rule, case: Case) -> Outcome:
    """N1: each metric exceeds plan or grows over the previous year; one failing both fails."""
    if case.business is None or case.year not in case.business:
        return UNKNOWN, f"Chưa có số liệu sản xuất, kinh doanh năm {case.year}."
    outcomes = [_metric_outcome(case, m) for m in rule.params.metrics]
    for status in (FAIL, UNKNOWN):
        clauses = [reason for s, reason in outcomes if s == status]
        if clauses:
            return status, t.sentence(*clauses)
    return PASS, t.sentence(*(reason for _, reason in outcomes))


@measure("tax_arrears")
def tax_arrears(rule: Rule, case: Case) -> Outcome:
    """N2: tax arrears at most ``max`` (0: none at all)."""
    owed, limit = case.tax_arrears, rule.params.max
    if owed is None:
        return UNKNOWN, "Chưa có thông tin về nợ đọng thuế."
    if owed == 0:
        return PASS, "Không nợ đọng thuế."
    verdict = PASS if owed <= limit else FAIL
    return verdict, f"Còn nợ đọng thuế {t.number(owed)} (tối đa cho phép: {t.number(limit)})."


@measure("production_stable")
def production_stable(rule: Rule, case: Case) -> Outcome:
    """N3: the household's production model stable for ``min_years`` (Y − stable_since)."""
    production = case.household_production
    since = production.stable_since if production is not None else None
    if since is None:
        return UNKNOWN, "Chưa có năm bắt đầu sản xuất ổn định của mô hình."
    years, needed = case.year - since, rule.params.min_years
    required = f"(yêu cầu từ {needed} năm trở lên)"
    if years >= needed:
        return PASS, (
            f"Mô hình sản xuất ổn định từ năm {since}, được {years} năm "
            f"tính đến năm {case.year} {required}."
        )
    duration = f"mới được {years} năm" if years > 0 else "chưa được năm nào"
    return FAIL, (
        f"Mô hình sản xuất ổn định từ năm {since}, {duration} "
        f"tính đến năm {case.year} {required}."
    )


def _household_count(case: Case, attribute: str, minimum: int, deed: str, unit: str) -> Outcome:
    """N4/N5: a count on the household's production at least ``minimum``.

    ``deed`` is a template with ``{n}`` for the count, e.g. "tạo việc làm cho {n} người lao động".
    """
    production = case.household_production
    value = getattr(production, attribute) if production is not None else None
    required = f"(yêu cầu từ {minimum} {unit} trở lên)"
    if value is None:
        return UNKNOWN, f"Chưa có số liệu: {deed.format(n='bao nhiêu')} {required}."
    if value >= minimum:
        return PASS, f"Đã {deed.format(n=value)} {required}."
    return FAIL, f"Mới {deed.format(n=value)} {required}."


@measure("households_helped")
def households_helped(rule: Rule, case: Case) -> Outcome:
    """N4: farming households helped to develop production."""
    deed = "giúp đỡ {n} hộ nông dân phát triển sản xuất"
    return _household_count(case, "households_helped", rule.params.min, deed, "hộ")


@measure("jobs_created")
def jobs_created(rule: Rule, case: Case) -> Outcome:
    """N5: jobs created for workers."""
    deed = "tạo việc làm cho {n} người lao động"
    return _household_count(case, "jobs_created", rule.params.min, deed, "người")


# --- field m: charity ----------------------------------------------------------------------------


@measure("charity_commendations")
def charity_commendations(rule: Rule, case: Case) -> Outcome:
    """M1: already commended by a competent authority for charity work."""
    return _count_documents(
        case.charity_commendations,
        rule.params.min_count,
        "khen thưởng về hoạt động từ thiện nhân đạo",
        absent="Chưa cung cấp thông tin khen thưởng về hoạt động từ thiện nhân đạo.",
        none="Chưa được cấp có thẩm quyền khen thưởng về hoạt động từ thiện nhân đạo.",
    )
