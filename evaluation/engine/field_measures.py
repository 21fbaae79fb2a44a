"""The measures of the field criteria: administrative reform (k), production and business (n),
charity (m)."""

from evaluation.engine import text as t
from evaluation.engine.case import Case
from evaluation.engine.general_measures import count_documents
from evaluation.engine.measures import FAIL, PASS, UNKNOWN, Outcome, Rule, measure
from guidance.measures import IndexThreshold

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
    return count_documents(
        case.charity_commendations,
        rule.params.min_count,
        "khen thưởng về hoạt động từ thiện nhân đạo",
        absent="Chưa cung cấp thông tin khen thưởng về hoạt động từ thiện nhân đạo.",
        none="Chưa được cấp có thẩm quyền khen thưởng về hoạt động từ thiện nhân đạo.",
    )
